// Couple life: an invite link opened by someone with no account leads through sign-up and back
// to the code; the couple shares a talk and a reflection; one leaves; what they shared stays a
// closed history both can read; they pair again with a new code, and the old talk stays closed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, checked, phone, signUp, suite } from "./helpers.js";

const t = suite(before, after);

test("couple life: invited through sign-up, leave, and pair again", async () => {
  const danaCtx = await phone(t.browser, { timezoneId: "Europe/Berlin" });
  const eliCtx = await phone(t.browser, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const dana = await danaCtx.newPage();
  const eli = await eliCtx.newPage();
  const base = t.server.base;

  await signUp(dana, base, "dana", "Dana");
  await dana.goto(`${base}/couple`);
  await dana.click("text=Make an invite code");
  const link = await dana.getAttribute("#invite-link", "href");
  const code = (await dana.textContent("#invite-code")).trim();
  // Later, the code is still there for Dana to send.
  await dana.goto(`${base}/`);
  await dana.goto(`${base}/couple`);
  assert.equal((await dana.textContent("#invite-code")).trim(), code);

  // Eli has no account: the link leads through sign-up and back to the code, filled in.
  await eli.goto(link);
  await eli.waitForURL(/\/signin$/);
  await eli.waitForSelector("text=Your partner invited you");
  await eli.click("text=Create an account first");
  await eli.fill("#username", "eli");
  await eli.fill("#display_name", "Eli");
  await eli.fill("#password", PASSWORD);
  await eli.click("button[type=submit]");
  await eli.waitForSelector(".recovery-key");
  await eli.click("text=I've written it down");
  await eli.waitForURL(/\/couple\/join\?code=/);
  assert.equal(await eli.inputValue("#code"), code);
  await eli.click("text=Join my partner");
  await eli.waitForSelector("text=You're paired with Dana");

  // They agree on a talk, and Dana shares a reflection.
  await dana.goto(`${base}/talks`);
  await dana.fill("#topic", "Weekends with our families");
  await dana.fill("#time", "2031-03-01T10:00");
  await dana.click("button:has-text('Propose this talk')");
  await eli.goto(`${base}/talks`);
  await eli.click("text=Weekends with our families");
  await eli.click("button:has-text('Accept this time')");
  await eli.waitForSelector("text=You've agreed on a time");
  await dana.goto(`${base}/roots`);
  await dana.fill("#text", "I go quiet when I feel judged by your family.");
  await dana.check("input[name=share]");
  await dana.click("text=Save reflection");
  await dana.waitForSelector(".entry .visibility.shared");

  // Eli leaves, keeping the history.
  await eli.goto(`${base}/couple/leave`);
  await eli.check("input[value=keep]");
  await eli.click("button:has-text('Leave the couple')");
  await eli.waitForSelector("text=You've left the couple");

  // Dana is told calmly; the talk reads closed with its real agreed time, and Eli still reads
  // what Dana shared, as a closed history.
  await dana.goto(`${base}/`);
  await dana.waitForSelector("text=Eli left your couple in Kintsugi");
  await dana.goto(`${base}/talks`);
  await dana.click("text=Weekends with our families");
  const closed = await dana.textContent(".status-line");
  assert.match(closed, /Closed: your couple has ended.*Agreed: Saturday 1 March 2031, 10:00/);
  assert.equal(await dana.locator("button:has-text('Accept this time')").count(), 0);
  await checked(dana, "80-talk-closed-after-leaving");
  await eli.goto(`${base}/roots`);
  assert.ok((await eli.textContent("main")).includes("I go quiet when I feel judged"), "history stays readable");

  // They pair again with a new code; the old talk stays closed, a new one can be planned.
  await eli.goto(`${base}/couple`);
  await eli.click("text=Make an invite code");
  const again = (await eli.textContent("#invite-code")).trim();
  await dana.goto(`${base}/couple`);
  await dana.fill("#code", again);
  await dana.click("text=Join my partner");
  await dana.waitForSelector("text=You're paired with Eli");
  await dana.goto(`${base}/talks`);
  await dana.click("text=Weekends with our families");
  assert.match(await dana.textContent(".status-line"), /^Closed/);
  await dana.goto(`${base}/talks`);
  await dana.waitForSelector("#propose-heading");
  await checked(dana, "81-talks-after-pairing-again");
  await danaCtx.close();
  await eliCtx.close();
});
