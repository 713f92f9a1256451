// An administrator resets one partner's password: the couple ends, the one reset can still open
// every page (with a plain note about what the old key sealed), and the partner who stays is
// told calmly on Home.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);
const NEW_PASSWORD = "copper meadow gently seventy";

test("reset: the couple ends, every page still opens, and the partner is told", async () => {
  const rinCtx = await phone(t.browser);
  const kaiCtx = await phone(t.browser);
  const rin = await rinCtx.newPage();
  const kai = await kaiCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: rin, username: "rin", name: "Rin" }, { page: kai, username: "kai", name: "Kai" });
  for (const page of [rin, kai]) {
    await page.goto(`${base}/roots`);
    await page.fill("#text", "Something I wrote before the reset.");
    await page.check("input[name=share]");
    await page.click("text=Save reflection");
    await page.waitForSelector(".entry .visibility.shared");
  }

  await t.server.admin(["user", "reset-password", "--username", "rin", "--yes"], `${NEW_PASSWORD}\n`);

  await rin.goto(`${base}/signin`);
  await rin.fill("#username", "rin");
  await rin.fill("#password", NEW_PASSWORD);
  await rin.click("button[type=submit]");
  for (const path of ["/", "/couple", "/roots", "/talks", "/apologies", "/questions", "/account"]) {
    const res = await rin.goto(`${base}${path}`);
    assert.equal(res.status(), 200, path);
  }
  await rin.goto(`${base}/roots`);
  assert.match(await rin.textContent("main"), /could not be opened with your current keys/);
  await checked(rin, "60-reset-roots-note");

  await kai.goto(`${base}/`);
  assert.match(await kai.textContent("main"), /your couple has ended/);
  await checked(kai, "61-reset-partner-told");
  await kai.click("text=I've read this");
  await kai.waitForURL(`${base}/`);
  assert.doesNotMatch(await kai.textContent("main"), /your couple has ended/);
  await kai.goto(`${base}/roots`);
  assert.match(await kai.textContent("main"), /Something I wrote before the reset/);
});
