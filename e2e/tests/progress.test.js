// Progress, Home that guides, and the guide: a person's signs from their own entries on a
// phone; Home's one suggestion; the guide searched without an account and read offline once
// kept.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, phone, signUp, suite } from "./helpers.js";

const t = suite(before, after);

test("progress and home: my own signs, and one next step", async () => {
  const ctx = await phone(t.browser, { timezoneId: "Europe/Lisbon" });
  const page = await ctx.newPage();
  const base = t.server.base;
  await signUp(page, base, "sora", "Sora");
  await page.goto(`${base}/`);
  assert.match(await page.textContent("#program-heading + ul + p"), /When you're ready:/);
  for (const [before, after] of [["8", "5"], ["6", "3"]]) {
    await page.goto(`${base}/triggers`);
    await page.check("input[name=kind][value=late_reply]");
    await page.fill("#situation", "A message went unanswered all afternoon.");
    await page.fill("#before", before);
    await page.fill("#after", after);
    await page.click("button:has-text('Log it')");
    await page.waitForSelector("text=Logged. Only you can see it.");
  }
  await page.goto(`${base}/`);
  assert.match(await page.textContent("main"), /Triggers: when old fear wakes up \(you've used this\)/);
  await checked(page, "90-home-guides-390");
  await page.goto(`${base}/progress`);
  assert.match(await page.textContent("main"), /Trigger entries: 1 week with something to count is too little to see a trend yet/);
  await page.selectOption("#period", "months6");
  await page.click("form.period button");
  await page.waitForURL(/period=months6/);
  await checked(page, "91-progress-390");
  await ctx.close();
});

test("the guide: searched without an account, kept for reading offline", async () => {
  const ctx = await phone(t.browser);
  const page = await ctx.newPage();
  const base = t.server.base;
  await page.goto(`${base}/guide`);
  await page.fill("#q", "overthinking");
  await page.click("form.search button");
  await page.waitForSelector("text=Found for “overthinking”");
  await checked(page, "92-guide-search-390");
  await page.click("a[href='/guide/questions#overthinking']");
  await page.waitForSelector("#overthinking");
  await checked(page, "93-guide-questions-390");
  await page.goto(`${base}/guide`);
  await page.click("#keep-guide");
  await page.waitForSelector("text=The guide is kept on this device");
  await ctx.setOffline(true);
  await page.goto(`${base}/guide/closeness`);
  assert.match(await page.textContent("h1"), /Closeness/);
  await page.goto(`${base}/guide/questions`);
  assert.match(await page.textContent("h1"), /Questions people ask about trust/);
  await ctx.setOffline(false);
  await ctx.close();
});
