// Your data, by two people on their phones: one downloads everything as one page, which opens
// offline and fetches nothing; then deletes the account, asked once more; the partner finds a
// calm note and their own writing still there.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, PASSWORD, checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("a copy of everything, then deleting the account", async () => {
  const umaCtx = await phone(t.browser, { acceptDownloads: true });
  const vikCtx = await phone(t.browser);
  const uma = await umaCtx.newPage();
  const vik = await vikCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: uma, username: "uma", name: "Uma" }, { page: vik, username: "vik", name: "Vik" });

  await vik.goto(`${base}/closeness/thanks`);
  await vik.fill("#thanks", "Thank you for the soup when I was ill.");
  await vik.click("button:has-text('Send my thanks')");
  await vik.waitForSelector("text=Your thanks are on their way.");
  await uma.goto(`${base}/closeness/thanks`);
  await uma.fill("#thanks", "Thank you for fixing the bike.");
  await uma.click("button:has-text('Send my thanks')");
  await uma.waitForSelector("text=Your thanks are on their way.");

  // The copy: one file, opened with the network off, fetching nothing.
  await uma.goto(`${base}/account#your-data`);
  await checked(uma, "102-your-data-390");
  const [download] = await Promise.all([uma.waitForEvent("download"), uma.click("button:has-text('Download as a page')")]);
  const file = join(ARTIFACTS, "export.html");
  await download.saveAs(file);
  const readerCtx = await t.browser.newContext({ viewport: { width: 390, height: 844 } });
  await readerCtx.setOffline(true);
  const reader = await readerCtx.newPage();
  const fetched = [];
  reader.on("request", (r) => { if (!r.url().startsWith("file://")) fetched.push(r.url()); });
  await reader.goto(`file://${file}`);
  const copy = await reader.textContent("main");
  assert.match(copy, /Thank you for the soup when I was ill/);
  assert.match(copy, /Thank you for fixing the bike/);
  assert.deepEqual(fetched, [], "nothing is fetched");
  await checked(reader, "103-export-offline-390");
  await readerCtx.close();

  // Deleting: asked once more; a wrong password changes nothing.
  await uma.click("a:has-text('Delete my account')");
  assert.match(await uma.textContent("main"), /can't be undone/);
  await checked(uma, "104-delete-390");
  await uma.fill("#password", "not my password at all");
  await uma.click("button:has-text('Delete my account and everything I wrote')");
  await uma.waitForSelector("#password-error");
  await uma.fill("#password", PASSWORD);
  await uma.click("button:has-text('Delete my account and everything I wrote')");
  await uma.waitForSelector("text=Your account and everything you wrote are deleted.");

  // Vik: told calmly; Uma's words gone; Vik's own thanks still there.
  await vik.goto(`${base}/`);
  assert.match(await vik.textContent("main"), /Your partner deleted their Kintsugi account/);
  await checked(vik, "105-partner-deleted-390");
  await vik.goto(`${base}/closeness/thanks`);
  const thanks = await vik.textContent("main");
  assert.match(thanks, /Thank you for the soup when I was ill/);
  assert.ok(!thanks.includes("fixing the bike"), "what Uma wrote is gone");
  await umaCtx.close();
  await vikCtx.close();
});
