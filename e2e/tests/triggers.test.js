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

  await mia.goto(`${t.server.base}/triggers/pause`);
  await mia.waitForSelector(".breath.animated");
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
