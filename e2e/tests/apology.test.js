// Step 3, Apology: one partner writes an apology with the coach's help and delivers it; the other
// answers "I have questions" and asks one; the first answers, then adds to the answer, and both
// see every version.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("apology: delivered, answered with questions, and answered honestly", async () => {
  const kimCtx = await phone(t.browser);
  const janCtx = await phone(t.browser);
  const kim = await kimCtx.newPage();
  const jan = await janCtx.newPage();
  await pairUp(
    t.server.base,
    { page: kim, username: "kim", name: "Kim" },
    { page: jan, username: "jan", name: "Jan" },
  );

  await kim.goto(`${t.server.base}/apologies`);
  await kim.fill("#value", "Being someone you can rely on");
  await kim.fill("#what_i_did", "I'm sorry if you were upset, but I was stressed");
  await kim.waitForSelector("#apology-coach .tag:has-text('Conditional apology')");
  await checked(kim, "40-apology-coach");
  await kim.fill("#what_i_did", "I hid the messages from my ex and lied when you asked.");
  await kim.fill("#responsibility", "That was my choice, and there's no excuse for it.");
  await kim.fill("#impact", "I can see it made you doubt what I tell you.");
  await kim.fill("#differently", "From now on I will tell you if my ex gets in touch.");
  await kim.fill("#repair", "I'll answer any question you have, for as long as you need.");
  await kim.waitForSelector("#apology-coach .calm");
  // Saved as a draft first; then an edit on screen, not saved, goes with "Review and deliver":
  // the last read shows it, exactly as Jan will read it.
  await kim.click("button:has-text('Save as a private draft')");
  await kim.waitForSelector("text=Your draft is saved");
  await kim.fill("#repair", "I'll answer any question you have, for as long as you need it.");
  await kim.click("button:has-text('Review and deliver to Jan')");
  await kim.waitForSelector("h1:has-text('Read it once more')");
  assert.ok((await kim.textContent(".apology-text")).includes("for as long as you need it."));
  await checked(kim, "41-apology-review");
  await kim.click("button:has-text('Deliver this to Jan')");
  await kim.waitForSelector("text=Delivered.");

  await jan.goto(`${t.server.base}/apologies`);
  await jan.click("text=I hid the messages");
  const text = await jan.textContent("main");
  assert.ok(text.includes("for as long as you need it."), "the edit made before delivering arrived");
  assert.ok(!text.includes("Being someone you can rely on"), "the value line stays private");
  await jan.check("input[value=have_questions]");
  await jan.fill("#text", "I'd like to understand how long it went on.");
  await jan.click("text=Share my answer");
  await jan.waitForSelector("text=Your answer is shared");
  await checked(jan, "41-apology-received");
  await jan.goto(`${t.server.base}/questions`);
  await jan.fill("#question", "How long were you in touch with them?");
  await jan.click("button:has-text('Ask')");
  await jan.waitForSelector("text=Your question is shared");

  await kim.goto(`${t.server.base}/questions`);
  await kim.fill("textarea[name=text] >> nth=-1", "About two months.");
  await kim.click("button:has-text('Answer')");
  await kim.waitForSelector("text=Your answer is shared");
  await kim.fill("textarea[name=text] >> nth=-1", "About two months; the last message was in June, and I should have said so.");
  await kim.click("button:has-text('Share the new version')");
  await kim.waitForSelector("text=Earlier version");

  await jan.reload();
  await jan.waitForSelector("text=Earlier version");
  assert.ok((await jan.textContent("main")).includes("About two months."), "the first version is still there");
  await checked(jan, "42-questions");

  await kim.goto(`${t.server.base}/apologies`);
  await kim.click("text=I hid the messages");
  await kim.waitForSelector("text=I have questions");
  await kim.click("button:has-text('Make it a promise')");
  await kim.waitForSelector("text=It's a promise now");
  await checked(kim, "43-apology-author");
  await kimCtx.close();
  await janCtx.close();
});
