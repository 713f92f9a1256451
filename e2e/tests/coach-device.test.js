// The coach on the person's own device: with the server's coach endpoint blocked, a draft is
// still checked as typing pauses, the page says where, and no request carries the draft.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, phone, signUp, suite } from "./helpers.js";

const t = suite(before, after);
const DRAFT = "You never listen to me.";

test("coach: drafts are checked on this device and never sent", async () => {
  const ctx = await phone(t.browser);
  const page = await ctx.newPage();
  await signUp(page, t.server.base, "ines", "Ines");
  let coachCalls = 0;
  await ctx.route("**/api/v1/coach", (route) => {
    coachCalls += 1;
    return route.abort();
  });
  const carried = [];
  page.on("request", (req) => {
    const data = req.postData() || "";
    if (req.url().includes("listen") || data.includes("listen")) carried.push(req.url());
  });
  const loaded = page.waitForResponse((r) => r.url().endsWith("/static/coach.wasm") && r.ok());
  await page.goto(`${t.server.base}/coach`);
  await loaded;
  await page.fill("#text", DRAFT);
  await page.waitForSelector(".finding .tag:has-text('Criticism')");
  await page.waitForSelector(".where:has-text('Checked on this device')");
  await checked(page, "18-coach-on-device");
  // "Check my words" reads it here too: nothing is posted, and the page says where it ran.
  await page.fill("#text", "You always forget, and you never listen.");
  await page.click("button:has-text('Check my words')");
  await page.waitForSelector(".finding .tag:has-text('Criticism')");
  await page.waitForSelector(".where:has-text('Checked on this device')");
  assert.equal(page.url(), `${t.server.base}/coach`, "the form wasn't sent");
  // The same on a step's page: the guided apology is read here as one text.
  await page.goto(`${t.server.base}/apologies`);
  await page.fill("#what_i_did", "I'm sorry if you felt hurt, but you never listen.");
  await page.click("button:has-text('Check my apology')");
  await page.waitForSelector("#apology-coach .where:has-text('Checked on this device')");
  assert.equal(page.url(), `${t.server.base}/apologies`, "the apology wasn't sent");
  assert.equal(coachCalls, 0, "the server's coach was never asked");
  assert.deepEqual(carried, [], "no request carried the draft");

  // Figures for the closing note: loading the module, and analysing a 300-character draft.
  const figures = await page.evaluate(async () => {
    const started = performance.now();
    const bytes = await (await fetch("/static/coach.wasm", { cache: "no-store" })).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const loadMs = performance.now() - started;
    const m = instance.exports;
    const text = ("I felt alone last night when you stayed out late and didn't call. You never " +
      "listen to me, and honestly you're so selfish sometimes. Could we talk about how we plan " +
      "evenings, so I know when you'll be home? I want us to feel like a team again, not like " +
      "I'm waiting by the phone. ").repeat(2).slice(0, 300);
    const enc = new TextEncoder();
    const times = [];
    const all = performance.now();
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      const b = enc.encode(text);
      const at = m.input(b.length); // may grow memory, so read .buffer after it
      new Uint8Array(m.memory.buffer, at, b.length).set(b);
      const len = m.analyze(0);
      JSON.parse(new TextDecoder().decode(new Uint8Array(m.memory.buffer, m.output(), len)));
      times.push(performance.now() - t0);
    }
    const meanMs = (performance.now() - all) / 2000;
    times.sort((a, b) => a - b);
    return {
      meanMs,
      bytes: bytes.byteLength,
      loadMs,
      p50: times[Math.floor(times.length * 0.5)],
      p99: times[Math.floor(times.length * 0.99)],
      chars: text.length,
    };
  });
  console.log(
    `coach.wasm in Chromium: ${figures.bytes} bytes, fetched and instantiated in ` +
      `${figures.loadMs.toFixed(1)} ms; a ${figures.chars}-character draft analysed in ` +
      `mean ${figures.meanMs.toFixed(3)} ms, p50 ${figures.p50.toFixed(3)} ms, p99 ` +
      `${figures.p99.toFixed(3)} ms (2,000 runs; the browser's clock ticks in 0.1 ms)`,
  );
  assert.ok(figures.p99 < 5, `p99 ${figures.p99} ms`);
  await ctx.close();
});
