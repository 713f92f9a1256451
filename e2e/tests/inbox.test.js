// Home says what waits: a talk proposed to one partner shows on their Home with a count in the
// navigation, leads to the talk, and clears once they answer. While Home is open, new items arrive
// without a reload (server-sent events). Checked at phone and desktop width.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("inbox: what waits shows on Home and clears once answered", async () => {
  const maiCtx = await phone(t.browser);
  const joCtx = await phone(t.browser, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const mai = await maiCtx.newPage();
  const jo = await joCtx.newPage();
  await pairUp(
    t.server.base,
    { page: mai, username: "mai", name: "Mai" },
    { page: jo, username: "jonah", name: "Jo" },
  );

  await jo.goto(`${t.server.base}/`);
  await jo.waitForSelector("text=Nothing waits for you right now");

  await mai.goto(`${t.server.base}/talks`);
  await mai.fill("#topic", "How we spend Sundays");
  await mai.fill("#time", "2030-06-02T11:00");
  await mai.click("button:has-text('Propose this talk')");
  await mai.waitForSelector("text=Waiting for Jo to answer");
  await mai.goto(`${t.server.base}/`);
  await mai.waitForSelector("text=Nothing waits for you right now");
  assert.equal(await mai.locator("nav .count").count(), 0, "nothing for the one who proposed");

  // Jo's Home has been open all along: the talk arrives without a reload.
  await jo.waitForSelector("nav .count:has-text('1')");
  await jo.waitForSelector("#waiting >> text=A time for a talk about “How we spend Sundays”");
  await checked(jo, "60-home-waiting-desktop");
  await jo.click("#waiting a");
  await jo.click("button:has-text('Accept this time')");
  await jo.waitForSelector("text=You've agreed on a time");
  await jo.goto(`${t.server.base}/`);
  await jo.waitForSelector("text=Nothing waits for you right now");
  assert.equal(await jo.locator("nav .count").count(), 0);

  // A question waits for Mai on her phone until she answers it.
  await jo.goto(`${t.server.base}/questions`);
  await jo.fill("#question", "What helps you feel heard?");
  await jo.click("button:has-text('Ask')");
  await jo.waitForSelector("text=Your question is shared");
  // Mai's Home is still open: the question arrives live, and is announced to screen readers.
  await mai.waitForSelector("#live-status:has-text('Something new is waiting for you')", { state: "attached" });
  await mai.waitForSelector("#waiting >> text=Jo asked you: “What helps you feel heard?”");
  await checked(mai, "61-home-waiting-phone");
  // On a phone, with a count beside Home, the navigation stays on one line (and at 320 px too).
  for (const width of [390, 320]) {
    await mai.setViewportSize({ width, height: 844 });
    const tops = await mai.$$eval("nav.main-nav li", (lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `one line at ${width} px: ${tops}`);
  }
  await mai.setViewportSize({ width: 390, height: 844 });

  // Mai calls the agreed talk off with a few words; Jo reads why.
  await mai.goto(`${t.server.base}/talks`);
  await mai.click("text=How we spend Sundays");
  await mai.click("summary:has-text('Call this talk off')");
  await mai.fill("#cancel-note", "Let's pick a calmer week.");
  await mai.click("button:has-text('Call it off')");
  await mai.waitForSelector("text=You called this talk off");
  await checked(mai, "62-talk-called-off");
  await jo.goto(`${t.server.base}/talks`);
  await jo.click("text=How we spend Sundays");
  await jo.waitForSelector("text=Mai called this talk off");
  await jo.waitForSelector("text=Let's pick a calmer week.");

  await maiCtx.close();
  await joCtx.close();
});
