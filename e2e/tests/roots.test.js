// Step 1, Roots: one partner fills the checklist and writes in the journal, shares one entry,
// and the other sees only that entry.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EXIT_URL, checked, pairUp, phone, suite } from "./helpers.js";

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
  // Half-written words aren't lost without a word: leaving asks first, and nothing is kept.
  await maya.click("#text");
  await maya.keyboard.type("Some of it is older");
  const asked = [];
  maya.on("dialog", (d) => { asked.push(d.type()); d.dismiss(); });
  await maya.click("#home-link").catch(() => {});
  await maya.waitForTimeout(300);
  assert.deepEqual(asked, ["beforeunload"], "asked before leaving");
  assert.match(maya.url(), /\/roots/, "stayed on the page");
  assert.equal(await maya.inputValue("#text"), "Some of it is older");
  const kept = await maya.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(kept, 0, "nothing of the draft is kept on the device");
  await maya.fill("#text", "Some of it is older than us. My dad left when I was nine.");
  // The limit and what's used, as she types; at phone width nothing is cut or scrolls sideways.
  await maya.waitForSelector("#text-count:has-text('57 of 10,000 characters')");
  const sideways = await maya.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(sideways, false, "nothing wider than the phone");
  await maya.click("text=Save reflection");
  await maya.waitForSelector("text=Your reflection is saved");
  assert.deepEqual(asked, ["beforeunload"], "sending the form leaves without asking");
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

  // A quick exit never stops to ask, however much is half-written.
  await maya.click("#text");
  await maya.keyboard.type("Something I'm not ready to");
  await maya.keyboard.press("Escape");
  await maya.keyboard.press("Escape");
  await maya.waitForURL(EXIT_URL);
  assert.deepEqual(asked, ["beforeunload"], "no question on the way out");
  await mayaCtx.close();
  await noahCtx.close();
});
