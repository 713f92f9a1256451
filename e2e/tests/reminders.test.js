// Reminders that respect people: Ana sets the time for the day's reminders and quiet hours,
// confirms her address through the link that arrives at a real SMTP server on loopback, and
// when Ben proposes a talk it waits on her Home and a discreet e-mail arrives, saying nothing
// of what or who. One click in it turns e-mail off. Her calendar address reads as a calendar.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SMTPServer } from "smtp-server";
import { checked, pairUp, phone, suite } from "./helpers.js";

const mails = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, session, done) {
    let raw = "";
    stream.on("data", (d) => (raw += d));
    stream.on("end", () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      done();
    });
  },
});

async function sinkPort() {
  await new Promise((ok) => sink.listen(0, "127.0.0.1", ok));
  return sink.server.address().port;
}

const t = suite(before, after, async () => ({
  KINTSUGI_SMTP_URL: `smtp://127.0.0.1:${await sinkPort()}`,
  KINTSUGI_SMTP_FROM: "Kintsugi <kintsugi@e2e.test>",
  KINTSUGI_WORKER_TICK_MS: "200",
}));
after(() => new Promise((ok) => sink.close(ok)));

/** Waits for the `n`th message to arrive (1-based) and returns it. */
async function mail(n) {
  for (let i = 0; i < 200 && mails.length < n; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(mails.length >= n, `message ${n} arrived (${mails.length} so far)`);
  return mails[n - 1];
}

/** The text of a message with quoted-printable soft breaks undone. */
const text = (m) => m.raw.replace(/=\r\n/g, "").replace(/=3D/g, "=");

/** The first link in a message to this server whose path starts with `path`. */
function link(m, path) {
  const found = text(m).match(new RegExp(`http://127\\.0\\.0\\.1:\\d+${path}[^\\s>]*`));
  assert.ok(found, `a ${path} link in ${m.raw}`);
  return found[0];
}

/** "HH:MM" `hours` from now on the page's clock. */
const inHours = (page, hours) =>
  page.evaluate((h) => {
    const d = new Date(Date.now() + h * 3600 * 1000);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }, hours);

test("reminders: a chosen time and quiet hours, a confirmed address, a discreet e-mail", async () => {
  const anaCtx = await phone(t.browser);
  const benCtx = await phone(t.browser);
  const ana = await anaCtx.newPage();
  const ben = await benCtx.newPage();
  await pairUp(t.server.base, { page: ana, username: "rem-ana", name: "Ana" }, { page: ben, username: "rem-ben", name: "Ben" });

  // Account leads to Reminders; e-mail is off and no address is known.
  await ana.goto(`${t.server.base}/account`);
  await ana.click("text=Choose your reminders");
  await ana.waitForSelector("h1:has-text('Reminders')");
  assert.equal(await ana.isDisabled("input[name=email]"), true, "e-mail needs an address first");

  // Her address: a link arrives, and opening it confirms it (once).
  await ana.fill("#address", "ana@e2e.test");
  await ana.click("button:has-text('Send me a link to confirm it')");
  await ana.waitForSelector("text=We sent a link to that address");
  const confirmation = await mail(1);
  assert.deepEqual(confirmation.to, ["ana@e2e.test"]);
  assert.match(confirmation.raw, /Subject: Confirm your address for Kintsugi/);
  const confirm = link(confirmation, "/email/confirm/");
  await ana.goto(confirm);
  await ana.waitForSelector("text=Your address is confirmed");
  await ana.goto(confirm);
  await ana.waitForSelector("text=This link doesn't work any more");

  // The day's reminders at a chosen time, the daily check-in on, quiet hours away from now.
  await ana.goto(`${t.server.base}/account/reminders`);
  assert.equal(await ana.isChecked("input[name=email]"), true, "on once confirmed");
  await ana.fill("#daily_at", "08:15");
  await ana.check("input[name=kinds][value=checkin]");
  await ana.check("input[name=quiet]");
  await ana.fill("#quiet_from", await inHours(ana, 3));
  await ana.fill("#quiet_to", await inHours(ana, 5));
  await ana.click("button:has-text('Save reminders')");
  await ana.waitForSelector("text=Saved. Reminders follow your new choices");
  assert.equal(await ana.inputValue("#daily_at"), "08:15");
  await checked(ana, "120-reminders-saved");

  // Ben proposes a talk: it waits on Ana's Home, and an e-mail says only that something waits.
  await ben.goto(`${t.server.base}/talks`);
  await ben.fill("#topic", "Money and the holidays");
  await ben.fill("#time", "2030-06-02T11:00");
  await ben.click("button:has-text('Propose this talk')");
  await ben.waitForSelector("text=Waiting for Ana to answer");
  await ana.goto(`${t.server.base}/`);
  await ana.waitForSelector("#waiting >> text=Money and the holidays");
  const reminder = await mail(2);
  assert.deepEqual(reminder.to, ["ana@e2e.test"]);
  assert.match(reminder.raw, /Subject: Something is waiting for you in Kintsugi/);
  for (const secret of ["Money", "holidays", "Ben", "talk"]) {
    assert.ok(!reminder.raw.includes(secret), `${secret} is not in the e-mail`);
  }
  // Its link leads to Home; its other link turns e-mail off, without signing in.
  assert.ok(text(reminder).includes(`${t.server.base}/#waiting`));
  const off = link(reminder, "/email/off/");
  const stranger = await t.browser.newContext();
  const page = await stranger.newPage();
  await page.goto(off);
  await page.waitForSelector("text=E-mail reminders are off");
  await checked(page, "121-email-off");
  await stranger.close();
  await ana.goto(`${t.server.base}/account/reminders`);
  assert.equal(await ana.isChecked("input[name=email]"), false, "off");

  // Her calendar: a secret address that reads as a calendar with neutral titles.
  await ana.click("button:has-text('Make my calendar address')");
  await ana.waitForSelector("text=Your calendar has a new address");
  const feed = await ana.inputValue("#feed");
  const res = await ana.request.get(feed);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"], /text\/calendar/);
  const ics = await res.text();
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.ok(!ics.includes("Money"), "no topic in the calendar");
  await checked(ana, "122-reminders-calendar");

  await anaCtx.close();
  await benCtx.close();
});
