// Steps 7 and 8: two partners in two time zones (London on a phone, Sydney on a desktop). A
// check-in stays hidden from the other until they check in for the same day on their own
// clock; how safe one feels is never shown to the other; a prompt's answers appear together;
// thanks arrive; the Control check is private.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("closeness and the control check: revealed after both, across time zones", async () => {
  const miaCtx = await phone(t.browser, { timezoneId: "Europe/London" });
  const joeCtx = await phone(t.browser, {
    timezoneId: "Australia/Sydney",
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const mia = await miaCtx.newPage();
  const joe = await joeCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: mia, username: "mia", name: "Mia" }, { page: joe, username: "joe", name: "Joe" });

  // Mia checks in for her today in London.
  await mia.goto(`${base}/closeness`);
  await mia.check("input[name=mood][value='4']");
  await mia.fill("#closeness", "7");
  await mia.fill("#safe", "8");
  await mia.fill("#note", "Thank you for listening last night.");
  await mia.click("button:has-text('Check in')");
  await mia.waitForSelector("text=Thank you for checking in.");
  const miaDay = (await mia.textContent("section[aria-labelledby^=day-] h2")).replace("Today, ", "").trim();
  assert.match(await mia.textContent("main"), /How safe you felt: 8 of 10/);
  await checked(mia, "80-closeness-checked-in-390");

  // Joe, in Sydney, learns that she checked in, never what.
  await joe.goto(`${base}/closeness`);
  const before = await joe.textContent("main");
  assert.match(before, /Mia has checked in for this day/);
  assert.ok(!before.includes("Thank you for listening"), "hidden until Joe checks in for that day");
  await checked(joe, "81-closeness-waiting-1280");
  // He checks in for the same day (by its name, whatever his own clock says now).
  const option = await joe.$$eval("#day option", (os, day) => os.find((o) => o.textContent.includes(day))?.value, miaDay);
  assert.ok(option, `Joe can check in for ${miaDay}`);
  await joe.selectOption("#day", option);
  await joe.check("input[name=mood][value='3']");
  await joe.fill("#closeness", "6");
  await joe.fill("#safe", "9");
  await joe.fill("#note", "It helped me too.");
  await joe.click("button:has-text('Check in')");
  await joe.waitForSelector("text=Thank you for listening last night.");
  assert.ok(!(await joe.textContent("main")).includes("8 of 10"), "Mia's safe answer is hers");
  await checked(joe, "82-closeness-both-1280");
  await mia.reload();
  await mia.waitForSelector("text=It helped me too.");
  assert.ok(!(await mia.textContent("main")).includes("9 of 10"));

  // A prompt: Joe draws, Mia answers first, Joe sees only that she did, then both answers.
  await joe.goto(`${base}/closeness/prompts`);
  await joe.click("button:has-text('Draw one for us')");
  await joe.waitForSelector("text=A prompt for you both.");
  await mia.goto(`${base}/closeness/prompts`);
  await mia.fill("textarea[id^=answer-]", "Our Sunday walks, without phones.");
  await mia.click("button:has-text('Answer')");
  await mia.waitForSelector("text=Your answer is in.");
  await joe.reload();
  const waiting = await joe.textContent("main");
  assert.match(waiting, /Mia has answered/);
  assert.ok(!waiting.includes("Sunday walks"));
  await joe.fill("textarea[id^=answer-]", "Cooking together on Fridays.");
  await joe.click("button:has-text('Answer')");
  await joe.waitForSelector("text=Our Sunday walks, without phones.");
  await mia.reload();
  await mia.waitForSelector("text=Cooking together on Fridays.");
  await checked(mia, "83-prompt-both-answers-390");

  // Thanks arrive, and stay for both.
  await joe.goto(`${base}/closeness/thanks`);
  await joe.fill("#thanks", "Thank you for planning Sunday.");
  await joe.click("button:has-text('Send my thanks')");
  await joe.waitForSelector("text=Your thanks are on their way.");
  await mia.goto(`${base}/`);
  await mia.waitForSelector("text=Joe thanked you");
  await mia.goto(`${base}/closeness/thanks`);
  await mia.waitForSelector("text=Thank you for planning Sunday.");
  await checked(mia, "84-appreciations-390");

  // Time together, planned on Mia's clock.
  await mia.goto(`${base}/closeness/together`);
  await mia.fill("#what", "A walk by the river");
  await mia.fill("#at", "2036-06-14T10:00");
  await mia.click("button:has-text('Share the plan')");
  await mia.waitForSelector("text=Your plan is shared.");
  await joe.goto(`${base}/closeness/together`);
  await joe.waitForSelector("text=A walk by the river");
  assert.match(await joe.textContent("main"), /19:00/, "on Joe's clock in Sydney");
  await checked(joe, "85-together-1280");

  // The Control check: private, read back in words.
  await mia.goto(`${base}/control`);
  for (const [habit, often] of [
    ["reassurance", "sometimes"], ["checking", "never"], ["testing", "never"],
    ["guilt", "never"], ["whereabouts", "often"], ["company", "never"],
  ]) {
    await mia.check(`input[name=${habit}][value=${often}]`);
  }
  await mia.click("button:has-text('See my reading')");
  await mia.waitForSelector("text=Thank you for looking honestly.");
  assert.match(await mia.textContent("main"), /This happened on most days/);
  await checked(mia, "86-control-check-390");
  await joe.goto(`${base}/control`);
  assert.ok(!(await joe.textContent("main")).includes("This happened on most days"), "Mia's alone");
  await miaCtx.close();
  await joeCtx.close();
});
