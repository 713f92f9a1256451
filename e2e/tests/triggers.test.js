// Step 6, Triggers: one partner logs a moment privately, sees their pattern, takes the guided
// pause, and asks for reassurance; the other never sees the log and answers the request.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("triggers: a private log, a pause, and reassurance asked and given", async () => {
  const miaCtx = await phone(t.browser);
  const joeCtx = await phone(t.browser);
  const mia = await miaCtx.newPage();
  const joe = await joeCtx.newPage();
  await pairUp(
    t.server.base,
    { page: mia, username: "mia", name: "Mia" },
    { page: joe, username: "joe", name: "Joe" },
  );

  await mia.goto(`${t.server.base}/triggers`);
  await mia.check("input[name=kind][value=late_reply]");
  await mia.fill("#situation", "No answer for three hours while he was out.");
  await mia.fill("#before", "8");
  await mia.fill("#after", "4");
  await mia.fill("#fear", "That I'm not a priority.");
  await mia.check("input[name=responded][value=paused]");
  await mia.click("button:has-text('Log it')");
  await mia.waitForSelector("text=Logged. Only you can see it.");
  assert.match(await mia.textContent("#patterns-heading + p"), /A late reply (was behind every entry|came up most often) this month/);
  await checked(mia, "57-triggers-log");

  // The guided pause: words, a count and the ring in step (the page's clock runs fast here).
  await mia.clock.install();
  await mia.goto(`${t.server.base}/triggers/pause`);
  await mia.click("button:has-text('Breathe with me')");
  const said = async () => [await mia.textContent(".breath-phase"), await mia.textContent(".breath-count")];
  assert.deepEqual(await said(), ["Breathe in", "4"]);
  assert.equal(await mia.getAttribute("[data-breath]", "data-phase"), "in");
  await mia.clock.runFor(1000);
  assert.deepEqual(await said(), ["Breathe in", "3"]);
  await mia.clock.runFor(3000);
  assert.deepEqual(await said(), ["Hold", "4"]);
  await mia.clock.runFor(4000);
  assert.deepEqual(await said(), ["Breathe out", "6"]);
  assert.equal(await mia.textContent(".breath-round"), "Breath 1 of 10");
  assert.equal(await mia.isVisible("button:has-text('Breathe with me')"), false, "one button while breathing: Stop");
  await checked(mia, "58a-guided-pause");
  await mia.clock.runFor(6000);
  assert.deepEqual(await said(), ["Breathe in", "4"]);
  assert.equal(await mia.textContent(".breath-round"), "Breath 2 of 10");
  await mia.clock.runFor(9 * 14000);
  assert.match(await mia.textContent(".breath-phase"), /Well done/);
  await mia.click("button:has-text('Breathe with me again')");
  await mia.click("button:has-text('Stop')");
  assert.match(await mia.textContent(".breath-phase"), /Stopped/);
  await mia.goto(`${t.server.base}/reassurance`);
  await mia.fill("#request", "When plans change, a quick text would help me a lot.");
  await mia.click("button:has-text('Send to Joe')");
  await mia.waitForSelector("text=Your request is sent.");

  await joe.goto(`${t.server.base}/triggers`);
  assert.ok(!(await joe.textContent("main")).includes("No answer for three hours"), "the log is Mia's alone");
  await joe.goto(`${t.server.base}/reassurance`);
  await joe.fill("textarea[id^=answer-]", "Of course. I'll text you when plans change.");
  await joe.click("button:has-text('Answer')");
  await joe.waitForSelector("text=Your answer is shared.");
  await mia.reload();
  await mia.waitForSelector("text=Of course. I'll text you when plans change.");
  await checked(mia, "58-reassurance");
  await miaCtx.close();
  await joeCtx.close();
});
