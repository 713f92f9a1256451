// The safety check on a phone, with danger indicated: the safety page comes first; quick exit
// leaves nothing of it in Back; the partner's pages don't change.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EXIT_URL, checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("the safety check: safety first, no trace in Back, nothing for the partner", async () => {
  const noraCtx = await phone(t.browser);
  const benCtx = await phone(t.browser);
  const nora = await noraCtx.newPage();
  const ben = await benCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: nora, username: "wren", name: "Wren" }, { page: ben, username: "otto", name: "Otto" });
  const pages = ["/", "/health", "/support", "/closeness", "/progress"];
  const seen = async () => {
    const out = [];
    for (const p of pages) {
      await ben.goto(`${base}${p}`);
      // Words as shown (the live inbox may re-draw a list with other spacing).
      out.push((await ben.textContent("main")).replace(/\s+/g, " ").trim());
    }
    return out;
  };
  const before = await seen();

  await nora.goto(`${base}/safety`);
  for (const [q, a] of [["hurt", "never"], ["threatened", "once"], ["insulted", "often"], ["afraid", "sometimes"],
    ["money", "never"], ["contacts", "sometimes"], ["phone", "often"], ["movements", "never"]]) {
    await nora.check(`input[name=${q}][value=${a}]`);
  }
  await nora.check("input[name=priority][value=privacy]");
  await nora.click("button:has-text('See my answers read back')");
  await nora.waitForSelector("#safety-first");
  // The safety page comes first: the first thing in the page is the safety section.
  const first = await nora.evaluate(() => document.querySelector("main").firstElementChild?.id || document.querySelector("main > section")?.id);
  assert.equal(first, "safety-first");
  const text = await nora.textContent("main");
  assert.match(text, /Your partner has threatened to hurt you, someone you love, a pet or themselves \(once or twice\)\./);
  assert.match(text, /None of this is your fault/);
  assert.match(text, /Nothing of this check was saved/);
  assert.match(text, /What no app can do/);
  await checked(nora, "98-safety-first-390");

  // Quick exit: Back shows nothing of it.
  await nora.click("#quick-exit");
  await nora.waitForURL(EXIT_URL);
  await nora.goBack().catch(() => {});
  await nora.waitForURL(EXIT_URL);
  const shown = await nora.textContent("body").catch(() => "");
  assert.doesNotMatch(shown, /safety|afraid|threatened/i, "Back shows nothing of the check");

  // Otto's pages are as they were.
  assert.deepEqual(await seen(), before, "nothing Otto can see changed");
  await noraCtx.close();
  await benCtx.close();
});
