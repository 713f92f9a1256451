// A report for a therapist, by two partners on their phones and a therapist at a desk: one
// asks, the other agrees and makes a link, the therapist opens it with no account and saves it
// as a PDF (whose pages are kept under artifacts/ to be looked at), the open is listed for
// both, and withdrawing consent ends the link at once.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("a report both agree to, opened and printed by a therapist, ended by withdrawing", async () => {
  const rheaCtx = await phone(t.browser);
  const tomasCtx = await phone(t.browser);
  const rhea = await rheaCtx.newPage();
  const tomas = await tomasCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: rhea, username: "rhea", name: "Rhea" }, { page: tomas, username: "tomas", name: "Tomas" });

  // Something both can read: thanks from Tomas; and something only Rhea can read: her log.
  await tomas.goto(`${base}/closeness/thanks`);
  await tomas.fill("#thanks", "Thank you for sitting with me on the stairs last night.");
  await tomas.click("button:has-text('Send my thanks')");
  await tomas.waitForSelector("text=Your thanks are on their way.");

  // Rhea asks, for the last two weeks.
  await rhea.goto(`${base}/support`);
  await rhea.fill("#from", day(-14));
  await rhea.fill("#to", day(0));
  await rhea.click("button:has-text('Ask Tomas to agree')");
  await rhea.waitForSelector("text=Asked. Nothing is made unless your partner agrees too.");
  assert.match(await rhea.textContent("main"), /Waiting for Tomas to answer/);
  await checked(rhea, "98-report-asked-390");
  const requestUrl = rhea.url().split("?")[0];

  // Tomas finds it in the inbox, agrees and makes a link for a week.
  await tomas.goto(`${base}/`);
  await tomas.click("text=asks to make a report for a therapist");
  await tomas.click("button:has-text('I agree')");
  await tomas.waitForSelector("text=You agreed.");
  await tomas.fill("#days", "7");
  await tomas.click("button:has-text('Make a link')");
  await tomas.waitForSelector("text=A link is ready.");
  const link = await tomas.getAttribute("a[href*='/report/']", "href");
  assert.ok(link.startsWith(base), `a whole address: ${link}`);
  await checked(tomas, "99-report-link-390");

  // The therapist: another browser, no account, no cookies.
  const deskCtx = await t.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await deskCtx.newPage();
  const res = await desk.goto(link);
  assert.equal(res.status(), 200);
  const text = await desk.textContent("main");
  assert.match(text, /Rhea and Tomas/);
  assert.match(text, /Thank you for sitting with me on the stairs last night/);
  assert.ok(!/Quick exit|Sign in/.test(await desk.textContent("body")), "nothing else of the app");
  await checked(desk, "100-report-therapist-1280");
  const pdfPath = join(ARTIFACTS, "report.pdf");
  await desk.emulateMedia({ media: "print" });
  await desk.pdf({ path: pdfPath, format: "A4", printBackground: true });
  const pdf = readFileSync(pdfPath).toString("latin1");
  assert.ok(pdf.startsWith("%PDF-"), "a PDF");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  assert.ok(pages >= 1, `the PDF has pages (${pages})`);

  await desk.emulateMedia({ media: "screen" });
  // Both see the open.
  for (const p of [rhea, tomas]) {
    await p.goto(requestUrl);
    assert.match(await p.textContent("main"), /Opened 1 time/);
  }

  // Rhea withdraws consent: the link ends at once; the therapist sees one calm sentence.
  await rhea.click("summary:has-text('Withdraw my consent')");
  await rhea.click("button:has-text('Withdraw')");
  await rhea.waitForSelector("text=Consent withdrawn. Every link ended at once.");
  const gone = await desk.goto(link);
  assert.equal(gone.status(), 404);
  assert.match(await desk.textContent("main"), /This link doesn't open/);
  assert.ok(!(await desk.textContent("body")).includes("Tomas"), "and nothing of who it was");
  await checked(desk, "101-report-gone-1280");
  await rheaCtx.close();
  await tomasCtx.close();
  await deskCtx.close();
});
