// Step 5, Promises: one partner makes a daily promise and marks today done; the other confirms
// it kept; both see it, and the page says how it's going in words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("promises: made, marked, confirmed", async () => {
  const ivyCtx = await phone(t.browser);
  const benCtx = await phone(t.browser);
  const ivy = await ivyCtx.newPage();
  const ben = await benCtx.newPage();
  await pairUp(
    t.server.base,
    { page: ivy, username: "ivy", name: "Ivy" },
    { page: ben, username: "ben", name: "Ben" },
  );
  const today = await ivy.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });

  await ivy.goto(`${t.server.base}/promises`);
  await ivy.fill("#text", "I'll text you when I leave work.");
  await ivy.check("input[name=every][value=daily]");
  await ivy.fill("#day", today);
  await ivy.click("button:has-text('Promise it')");
  await ivy.waitForSelector("text=Your promise is made.");
  await ivy.fill("#mark-note", "Left at six.");
  await ivy.click("button:has-text('I did it')");
  await ivy.waitForSelector("text=Marked done; waiting for confirmation.");

  await ben.goto(`${t.server.base}/`);
  await ben.waitForSelector("#waiting >> text=Was it kept?");
  await ben.click("#waiting a");
  await ben.click("button:has-text('Kept')");
  await ben.waitForSelector("text=Thank you. Your answer is shared.");
  await checked(ben, "55-promise-confirmed");

  await ivy.reload();
  await ivy.waitForSelector("text=Kept, confirmed.");
  // One day is too few to tell: words, never a percentage.
  const caption = await ivy.textContent("figcaption");
  assert.match(caption, /Kept 1 of 1 time so far: too few to tell yet/);
  assert.doesNotMatch(caption, /%/);
  await ivy.goto(`${t.server.base}/promises`);
  await checked(ivy, "56-promises-list");
  await ivyCtx.close();
  await benCtx.close();
});
