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

  // A demand for control, sent anyway: Theo reads why it harms trust and what could be offered
  // instead, and declines it with a word; Nora hears of it.
  await nora.goto(`${t.server.base}/agreements`);
  await nora.check("input[name=category][value=privacy]");
  await nora.fill("#agreement", "You will share your location with me at all times.");
  await nora.fill("#review_on", "2031-04-01");
  await nora.click("button:has-text('Propose to Theo')");
  await nora.waitForSelector("text=Proposed.");
  await theo.goto(`${t.server.base}/agreements`);
  await theo.click("text=share your location");
  await theo.waitForSelector("#control-note");
  await checked(theo, "52-agreement-control-phone");
  await theo.setViewportSize({ width: 1280, height: 900 });
  await checked(theo, "52b-agreement-control-desktop");
  await theo.setViewportSize({ width: 390, height: 844 });
  await theo.click("summary:has-text('Decline it')");
  await theo.fill("#decline-note", "I'd rather we each said where we'll be when plans change.");
  await theo.click("button:has-text('Decline')");
  await theo.waitForSelector("text=Declined.");
  await nora.goto(`${t.server.base}/`);
  await nora.waitForSelector("text=Theo declined the agreement");
  await noraCtx.close();
  await theoCtx.close();
});
