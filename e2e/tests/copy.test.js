// The recovery key and an invite can be copied, and the key saved as a text file, where
// JavaScript runs; without it the buttons don't show and the text stays selectable.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { PASSWORD, checked, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("copy: the recovery key and an invite code copy, and the key saves as a file", async () => {
  const ctx = await phone(t.browser, { acceptDownloads: true });
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: t.server.base });
  const page = await ctx.newPage();
  await page.goto(`${t.server.base}/signup`);
  await page.fill("#username", "rowan");
  await page.fill("#display_name", "Rowan");
  await page.fill("#password", PASSWORD);
  await page.click("button[type=submit]");
  const key = (await page.textContent("#recovery-key")).trim();
  await page.click("button:has-text('Copy the key')");
  await page.waitForSelector("button:has-text('Copied')");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("button:has-text('Save it as a text file')"),
  ]);
  assert.equal(download.suggestedFilename(), "kintsugi-recovery-key.txt");
  assert.equal((await readFile(await download.path(), "utf8")).trim(), key);
  await checked(page, "70-recovery-key-copy");

  await page.click("text=I've written it down");
  await page.goto(`${t.server.base}/couple`);
  await page.click("text=Make an invite code");
  const code = (await page.textContent("#invite-code")).trim();
  await page.click("button:has-text('Copy the code')");
  await page.waitForSelector("button:has-text('Copied')");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await page.click("button:has-text('Copy the link')");
  assert.ok((await page.evaluate(() => navigator.clipboard.readText())).endsWith(`/couple/join?code=${code}`));
  await checked(page, "71-invite-copy");

  // Where the browser offers no clipboard (a server on plain http), the button still does
  // something: the code is copied the older way, or left selected to copy by hand.
  const bare = await ctx.newPage();
  await bare.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
  await bare.goto(`${t.server.base}/couple`);
  await bare.click("button:has-text('Copy the code')");
  await bare.waitForSelector("button:has-text('Copied'), button:has-text('Selected: copy it now')");
  assert.equal(await bare.evaluate(() => window.getSelection().toString().trim()), code);
  await ctx.close();
});
