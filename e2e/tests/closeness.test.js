// Steps 7 and 8: two partners in two time zones (London on a phone, Sydney on a desktop). A
// check-in stays hidden from the other until they check in for the same day on their own
// clock; how safe one feels is never shown to the other; a prompt's answers appear together;
// thanks arrive; the Control check is private.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("closeness and the control check: revealed after both, across time zones", async () => {
  const aylaCtx = await phone(t.browser, { timezoneId: "Europe/London" });
  const finnCtx = await phone(t.browser, {
    timezoneId: "Australia/Sydney",
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const ayla = await aylaCtx.newPage();
  const finn = await finnCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: ayla, username: "ayla", name: "Ayla" }, { page: finn, username: "finn", name: "Finn" });

  // Ayla checks in for her today in London.
  await ayla.goto(`${base}/closeness`);
  await ayla.check("input[name=mood][value='4']");
  await ayla.fill("#closeness", "7");
  await ayla.fill("#safe", "8");
  await ayla.fill("#note", "Thank you for listening last night.");
  await ayla.click("button:has-text('Check in')");
  await ayla.waitForSelector("text=Thank you for checking in.");
  const aylaDay = (await ayla.textContent("section[aria-labelledby^=day-] h2")).replace("Today, ", "").trim();
  assert.match(await ayla.textContent("main"), /How safe you felt: 8 of 10/);
  await checked(ayla, "80-closeness-checked-in-390");

  // Finn, in Sydney, learns that she checked in, never what.
  await finn.goto(`${base}/closeness`);
  const before = await finn.textContent("main");
  assert.match(before, /Ayla has checked in for this day/);
  assert.ok(!before.includes("Thank you for listening"), "hidden until Finn checks in for that day");
  await checked(finn, "81-closeness-waiting-1280");
  // He checks in for the same day (by its name, whatever his own clock says now).
  const option = await finn.$$eval("#day option", (os, day) => os.find((o) => o.textContent.includes(day))?.value, aylaDay);
  assert.ok(option, `Finn can check in for ${aylaDay}`);
  await finn.selectOption("#day", option);
  await finn.check("input[name=mood][value='3']");
  await finn.fill("#closeness", "6");
  await finn.fill("#safe", "9");
  await finn.fill("#note", "It helped me too.");
  await finn.click("button:has-text('Check in')");
  await finn.waitForSelector("text=Thank you for listening last night.");
  assert.ok(!(await finn.textContent("main")).includes("8 of 10"), "Ayla's safe answer is hers");
  await checked(finn, "82-closeness-both-1280");
  await ayla.reload();
  await ayla.waitForSelector("text=It helped me too.");
  assert.ok(!(await ayla.textContent("main")).includes("9 of 10"));

  // A prompt: Finn draws, Ayla answers first, Finn sees only that she did, then both answers.
  await finn.goto(`${base}/closeness/prompts`);
  await finn.click("button:has-text('Draw one for us')");
  await finn.waitForSelector("text=A prompt for you both.");
  await ayla.goto(`${base}/closeness/prompts`);
  await ayla.fill("textarea[id^=answer-]", "Our Sunday walks, without phones.");
  await ayla.click("button:has-text('Answer')");
  await ayla.waitForSelector("text=Your answer is in.");
  await finn.reload();
  const waiting = await finn.textContent("main");
  assert.match(waiting, /Ayla has answered/);
  assert.ok(!waiting.includes("Sunday walks"));
  await finn.fill("textarea[id^=answer-]", "Cooking together on Fridays.");
  await finn.click("button:has-text('Answer')");
  await finn.waitForSelector("text=Our Sunday walks, without phones.");
  await ayla.reload();
  await ayla.waitForSelector("text=Cooking together on Fridays.");
  await checked(ayla, "83-prompt-both-answers-390");

  // Thanks arrive, and stay for both.
  await finn.goto(`${base}/closeness/thanks`);
  await finn.fill("#thanks", "Thank you for planning Sunday.");
  await finn.click("button:has-text('Send my thanks')");
  await finn.waitForSelector("text=Your thanks are on their way.");
  await ayla.goto(`${base}/`);
  await ayla.waitForSelector("text=Finn thanked you");
  await ayla.goto(`${base}/closeness/thanks`);
  await ayla.waitForSelector("text=Thank you for planning Sunday.");
  await checked(ayla, "84-appreciations-390");

  // Time together, planned on Ayla's clock.
  await ayla.goto(`${base}/closeness/together`);
  await ayla.fill("#what", "A walk by the river");
  await ayla.fill("#at", "2036-06-14T10:00");
  await ayla.click("button:has-text('Share the plan')");
  await ayla.waitForSelector("text=Your plan is shared.");
  await finn.goto(`${base}/closeness/together`);
  await finn.waitForSelector("text=A walk by the river");
  assert.match(await finn.textContent("main"), /19:00/, "on Finn's clock in Sydney");
  await checked(finn, "85-together-1280");

  // The Control check: private, read back in words.
  await ayla.goto(`${base}/control`);
  for (const [habit, often] of [
    ["reassurance", "sometimes"], ["checking", "never"], ["testing", "never"],
    ["guilt", "never"], ["whereabouts", "often"], ["company", "never"],
  ]) {
    await ayla.check(`input[name=${habit}][value=${often}]`);
  }
  await ayla.click("button:has-text('See my reading')");
  await ayla.waitForSelector("text=Thank you for looking honestly.");
  assert.match(await ayla.textContent("main"), /This happened on most days/);
  await checked(ayla, "86-control-check-390");
  await finn.goto(`${base}/control`);
  assert.ok(!(await finn.textContent("main")).includes("This happened on most days"), "Ayla's alone");
  await aylaCtx.close();
  await finnCtx.close();
});
