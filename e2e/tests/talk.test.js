// Step 2, Talk: one partner proposes a talk (the coach reads the topic as they type), the other
// proposes another time, they agree, one calls a break, and each rates the talk privately. Lea
// is in Paris and Omar in New York: each types and reads times on their own clock.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

/** The browser's own wall clock now, as a date-and-time field takes it. */
async function localNow(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
}

test("talk: propose, answer with another time, agree, pause, and reflect privately", async () => {
  const leaCtx = await phone(t.browser, { timezoneId: "Europe/Paris" });
  const omarCtx = await phone(t.browser, { timezoneId: "America/New_York" });
  const lea = await leaCtx.newPage();
  const omar = await omarCtx.newPage();
  await pairUp(
    t.server.base,
    { page: lea, username: "lea", name: "Lea" },
    { page: omar, username: "omar", name: "Omar" },
  );

  // Sign-up took each browser's own time zone.
  await lea.goto(`${t.server.base}/account`);
  assert.equal(await lea.inputValue("#time_zone"), "Europe/Paris");

  await lea.goto(`${t.server.base}/talks`);
  await lea.fill("#topic", "You always cancel our plans at the last minute");
  await lea.waitForSelector("#topic-coach .tag:has-text('Criticism')");
  await checked(lea, "30-talk-propose-coach");
  await lea.fill("#topic", "How we handle plans that change at the last minute");
  await lea.waitForSelector("#topic-coach .calm");
  await lea.fill("#time", "2030-11-28T19:30");
  await lea.click("button:has-text('Propose this talk')");
  await lea.waitForSelector("text=Waiting for Omar to answer");
  assert.ok((await lea.textContent(".status-line")).includes("Thursday 28 November 2030, 19:30"));

  await omar.goto(`${t.server.base}/talks`);
  await omar.waitForSelector(".tag:has-text('Your answer')");
  await omar.click("text=How we handle plans");
  // 19:30 in Paris is 13:30 in New York.
  assert.ok((await omar.textContent(".status-line")).includes("Thursday 28 November 2030, 13:30"));
  await omar.fill("#note", "Could we do it now, while we're both calm? I'm less tired now.");
  await omar.fill("#time", await localNow(omar));
  await omar.click("button:has-text('Propose this time instead')");
  await omar.waitForSelector("text=Your answer is sent");
  await checked(omar, "31-talk-countered");

  await lea.reload();
  await lea.click("button:has-text('Accept this time')");
  await lea.waitForSelector("text=You've agreed on a time");
  // Omar's "now" reads as now on Lea's clock too.
  const leaNow = (await localNow(lea)).slice(11);
  const agreed = await lea.textContent(".status-line");
  assert.ok(agreed.includes(leaNow) || agreed.includes(leaNow.slice(0, 4)), agreed);

  await omar.reload();
  await omar.selectOption("#minutes", "30");
  await omar.click("button:has-text('Call a break')");
  await omar.waitForSelector(".pause");
  await lea.reload();
  await lea.waitForSelector("text=Omar asked for a 30-minute break");
  // Every time on the page is on one 24-hour clock, with its date: never "at Sunday 02:58 pm".
  const pause = await lea.textContent(".pause");
  assert.match(pause, /break at \d{1,2} \w+ \d{4}, \d{2}:\d{2}\. Come back to it after \d{1,2} \w+ \d{4}, \d{2}:\d{2}\./, pause);
  assert.doesNotMatch(await lea.textContent("main"), /\d{2}:\d{2}\s?(am|pm)\b/i);

  await lea.check("input[name=felt_heard][value='4']");
  await lea.check("input[name=stayed_calm][value='3']");
  await lea.check("input[name=turned_into_fight][value=false]");
  await lea.check("input[name=about_past][value=true]");
  await lea.click("button:has-text('Save my answers')");
  await lea.waitForSelector("text=Only you can see how you rated this talk");
  await checked(lea, "32-talk-agreed-lea");

  // Omar's page shows no trace of Lea's answers.
  await omar.reload();
  assert.equal(await omar.isChecked("input[name=felt_heard][value='4']"), false);
  assert.ok(await omar.isVisible("button:has-text('Save my answers')"));

  // A second talk, rated too: Lea's own trend appears as a chart with its words, and Omar's
  // list shows none of it.
  await omar.goto(`${t.server.base}/talks`);
  await omar.fill("#topic", "A short check-in about this week");
  await omar.fill("#time", await localNow(omar));
  await omar.click("button:has-text('Propose this talk')");
  await omar.waitForSelector("text=Waiting for Lea to answer");
  await lea.goto(`${t.server.base}/talks`);
  await lea.click("text=A short check-in");
  await lea.click("button:has-text('Accept this time')");
  await lea.check("input[name=felt_heard][value='5']");
  await lea.check("input[name=stayed_calm][value='4']");
  await lea.check("input[name=turned_into_fight][value=false]");
  await lea.check("input[name=about_past][value=false]");
  await lea.click("button:has-text('Save my answers')");
  await lea.goto(`${t.server.base}/talks`);
  await lea.waitForSelector("figure.trend svg");
  assert.match(await lea.textContent("figure.trend figcaption"), /Across the 2 talks you rated, you felt heard 4\.5 out of 5/);
  await checked(lea, "33-talk-trend-lea");
  await omar.reload();
  assert.equal(await omar.locator("figure.trend").count(), 0);
  await leaCtx.close();
  await omarCtx.close();
});
