// Step 1, Roots: one partner fills the checklist and writes in the journal, shares one entry,
// and the other sees only that entry.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("roots: a private checklist, a journal, and one entry shared on purpose", async () => {
  const mayaCtx = await phone(t.browser);
  const noahCtx = await phone(t.browser);
  const maya = await mayaCtx.newPage();
  const noah = await noahCtx.newPage();
  await pairUp(
    t.server.base,
    { page: maya, username: "maya", name: "Maya" },
    { page: noah, username: "noah", name: "Noah" },
  );

  await maya.goto(`${t.server.base}/program`);
  await checked(maya, "20-program");
  await maya.click("text=Read the guide to this step");
  await checked(maya, "21-guide-roots");
  await maya.click("text=Go to Roots");
  await maya.check("input[value=lying]");
  await maya.fill("#note_lying", "The messages I found in March.");
  await maya.check("input[value=abandonment]");
  await maya.click("text=Save my checklist");
  await maya.waitForSelector("text=Your checklist is saved");

  await maya.check("input[name=prompt][value=partner_or_past]");
  await maya.fill("#text", "Some of it is older than us. My dad left when I was nine.");
  // The limit and what's used, as she types; at phone width nothing is cut or scrolls sideways.
  await maya.waitForSelector("#text-count:has-text('57 of 10,000 characters')");
  const sideways = await maya.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(sideways, false, "nothing wider than the phone");
  await maya.click("text=Save reflection");
  await maya.waitForSelector("text=Your reflection is saved");
  await maya.check("input[name=prompt][value=which_behaviour]");
  await maya.fill("#text", "Hiding the messages hurt more than the messages themselves.");
  await maya.check("input[name=share]");
  await maya.click("text=Save reflection");
  await maya.waitForSelector(".entry .visibility.shared");
  await checked(maya, "22-roots-maya");

  await noah.goto(`${t.server.base}/roots`);
  await noah.waitForSelector("text=Shared by Maya");
  const page = await noah.textContent("main");
  assert.ok(page.includes("Hiding the messages hurt more"), "the shared entry is visible");
  assert.ok(!page.includes("My dad left"), "the private entry is not");
  assert.ok(!page.includes("The messages I found in March"), "the checklist is not");
  await checked(noah, "23-roots-noah");

  // Maya takes it back; Noah no longer sees it.
  await maya.click("text=Make private again");
  await maya.waitForSelector("text=It's private again");
  await noah.reload();
  await noah.waitForSelector("text=hasn't shared a reflection");
  await mayaCtx.close();
  await noahCtx.close();
});
