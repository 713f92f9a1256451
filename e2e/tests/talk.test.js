// Step 2, Talk: one partner proposes a talk (the coach reads the topic as they type), the other
// proposes another time, they agree, one calls a break, and each rates the talk privately.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("talk: propose, answer with another time, agree, pause, and reflect privately", async () => {
  const leaCtx = await phone(t.browser);
  const omarCtx = await phone(t.browser);
  const lea = await leaCtx.newPage();
  const omar = await omarCtx.newPage();
  await pairUp(
    t.server.base,
    { page: lea, username: "lea", name: "Lea" },
    { page: omar, username: "omar", name: "Omar" },
  );

  await lea.goto(`${t.server.base}/talks`);
  await lea.fill("#topic", "You always cancel our plans at the last minute");
  await lea.waitForSelector("#topic-coach .tag:has-text('Criticism')");
  await checked(lea, "30-talk-propose-coach");
  await lea.fill("#topic", "How we handle plans that change at the last minute");
  await lea.waitForSelector("#topic-coach .calm");
  await lea.fill("#time", "2026-11-28T19:30");
  await lea.click("button:has-text('Propose this talk')");
  await lea.waitForSelector("text=Waiting for Omar to answer");

  await omar.goto(`${t.server.base}/talks`);
  await omar.waitForSelector(".tag:has-text('Your answer')");
  await omar.click("text=How we handle plans");
  await omar.fill("#note", "Saturday morning works better for me, I'm less tired then.");
  await omar.fill("#time", "2026-11-29T10:00");
  await omar.click("button:has-text('Propose this time instead')");
  await omar.waitForSelector("text=Your answer is sent");
  await checked(omar, "31-talk-countered");

  await lea.reload();
  await lea.click("button:has-text('Accept this time')");
  await lea.waitForSelector("text=You've agreed on a time");
  assert.ok((await lea.textContent(".status-line")).includes("Sunday 29 November, 10:00"));

  await omar.reload();
  await omar.selectOption("#minutes", "30");
  await omar.click("button:has-text('Call a break')");
  await omar.waitForSelector(".pause");
  await lea.reload();
  await lea.waitForSelector("text=Omar asked for a 30-minute break");

  await lea.check("input[name=felt_heard][value='4']");
  await lea.check("input[name=stayed_calm][value='3']");
  await lea.check("input[name=turned_into_fight][value=false]");
  await lea.check("input[name=about_past][value=true]");
  await lea.click("button:has-text('Save my answers')");
  await lea.waitForSelector("text=Only you can see how you rated this talk");
  await checked(lea, "32-talk-agreed-lea");

  // Omar's page shows no trace of Lea's answers.
  await omar.reload();
  assert.equal(await omar.isChecked("input[name=felt_heard][value='4']"), false);
  assert.ok(await omar.isVisible("button:has-text('Save my answers')"));
  await leaCtx.close();
  await omarCtx.close();
});
