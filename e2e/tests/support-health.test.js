// Steps 9 and 10 on a phone: the Support page with its lines and directories; the Health check
// answered, read back, and private; mutual effort the same for both.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checked, pairUp, phone, suite } from "./helpers.js";

const t = suite(before, after);

test("support and the health check: private readings, shared effort", async () => {
  const ivoCtx = await phone(t.browser);
  const lenCtx = await phone(t.browser, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const ivo = await ivoCtx.newPage();
  const len = await lenCtx.newPage();
  const base = t.server.base;
  await pairUp(base, { page: ivo, username: "ivo", name: "Ivo" }, { page: len, username: "lene", name: "Lene" });
  await ivo.goto(`${base}/support`);
  assert.match(await ivo.textContent("main"), /Nothing in your entries points to needing more help/);
  await checked(ivo, "95-support-390");
  await ivo.goto(`${base}/health`);
  for (const [q, a] of [["consistent", "3"], ["safe", "4"], ["growing", "3"], ["respect", "4"], ["repair", "3"], ["both", "2"]]) {
    await ivo.check(`input[name=${q}][value='${a}']`);
  }
  await ivo.click("button:has-text('See my reading')");
  await ivo.waitForSelector("text=Thank you. Only you can see this.");
  assert.match(await ivo.textContent("main"), /We both carry the work of rebuilding, not just one of us: A little/);
  await checked(ivo, "96-health-check-390");
  await len.goto(`${base}/closeness/thanks`);
  await len.fill("#thanks", "Thank you for the honest talk.");
  await len.click("button:has-text('Send my thanks')");
  await len.waitForSelector("text=Your thanks are on their way.");
  await len.goto(`${base}/health`);
  const lens = await len.textContent("main");
  assert.ok(!lens.includes("not just one of us: A little"), "Ivo's answers are Ivo's");
  assert.match(lens, /you added 1 shared thing and Ivo added 0/);
  await checked(len, "97-health-effort-1280");
  await ivoCtx.close();
  await lenCtx.close();
});
