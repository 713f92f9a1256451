// Step 4, Agreements: one partner proposes an agreement (the coach points out a controlling
// phrasing), the other proposes a change, the first accepts it, and every version stays.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("agreements: proposed, changed, accepted, every version kept", async () => {
  const noraCtx = await phone(t.browser);
  const theoCtx = await phone(t.browser);
  const nora = await noraCtx.newPage();
  const theo = await theoCtx.newPage();
  await pairUp(
    t.server.base,
    { page: nora, username: "nora", name: "Nora" },
    { page: theo, username: "theo", name: "Theo" },
  );

  await nora.goto(`${t.server.base}/agreements`);
  await nora.check("input[name=category][value=contact_with_others]");
  await nora.fill("#agreement", "You will share your location with me at all times.");
  await nora.waitForSelector("#agreement-coach .tag:has-text('Control')");
  await checked(nora, "50-agreement-coach");
  await nora.fill("#agreement", "We tell each other when an ex gets in touch.");
  await nora.fill("#not_acceptable", "Meeting an ex alone without saying so.");
  await nora.fill("#if_crossed", "We talk about it calmly the same week.");
  await nora.fill("#review_on", "2031-03-01");
  await nora.click("button:has-text('Propose to Theo')");
  await nora.waitForSelector("text=Proposed. It's in force once your partner accepts it.");

  await theo.goto(`${t.server.base}/agreements`);
  await theo.waitForSelector(".tag:has-text('Your answer')");
  await theo.click("text=We tell each other when an ex gets in touch.");
  await theo.click("summary:has-text('Propose a change')");
  await theo.fill("#agreement", "We tell each other within a day when an ex gets in touch.");
  await theo.click("button:has-text('Propose this change')");
  await theo.waitForSelector("text=Your change is proposed");

  await nora.goto(`${t.server.base}/agreements`);
  await nora.click("text=within a day");
  await nora.click("button:has-text('Accept this version')");
  await nora.waitForSelector("text=Accepted. You both agreed to this version.");
  const versions = await nora.textContent(".versions");
  assert.match(versions, /Version 1 · proposed by you/);
  assert.match(versions, /Version 2 · proposed by Theo.*accepted by you.*in force/s);
  await checked(nora, "51-agreement-in-force");

  await theo.reload();
  assert.ok((await theo.textContent("main")).includes("In force: you both agreed."));
  await noraCtx.close();
  await theoCtx.close();
});
