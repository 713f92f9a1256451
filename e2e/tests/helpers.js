// Shared setup for the browser stories: a real Kintsugi binary on a fresh database, Debian's
// chromium, phone-sized pages, screenshots and an accessibility check with axe-core.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(here, "..", "artifacts");
export const EXIT_URL = "https://exit.invalid/weather";
export const PHONE = { width: 390, height: 844 };
const BIN = process.env.KINTSUGI_BIN || resolve(here, "..", "..", "target", "debug", "kintsugi");
const AXE = readFileSync(resolve(here, "..", "node_modules", "axe-core", "axe.min.js"), "utf8");

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts the binary on a free port with its own data folder (and `env` besides the usual);
 * resolves when it is ready. Links it makes (e-mails, calendar addresses) point at it. */
export async function startServer(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "kintsugi-e2e-"));
  const proc = spawn(BIN, ["serve", "--bind", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env: {
      ...process.env,
      KINTSUGI_QUICK_EXIT_URL: EXIT_URL,
      KINTSUGI_LOG: "warn",
      KINTSUGI_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    dataDir,
    /** Runs a `kintsugi` command (as whoever runs the server would) on this server's data. */
    admin(args, input = "") {
      return new Promise((ok, fail) => {
        const p = spawn(BIN, ["--data-dir", dataDir, ...args], {
          env: { ...process.env, KINTSUGI_LOG: "warn" },
          stdio: ["pipe", "pipe", "pipe"],
        });
        let out = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (out += d));
        p.on("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`kintsugi ${args.join(" ")}: ${out}`))));
        p.stdin.end(input);
      });
    },
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A phone-sized browser context that answers the quick exit's neutral page locally. */
export async function phone(browser, options = {}) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, ...options });
  await context.route("https://exit.invalid/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><h1>Weather</h1>" }),
  );
  return context;
}

/** Saves a full-page screenshot under e2e/artifacts. */
export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Runs axe-core on the page; returns serious and critical violations. */
export async function axe(page) {
  await page.addScriptTag({ content: AXE }).catch(async () => {
    // The CSP forbids inline scripts; evaluate the library in the page instead.
    await page.evaluate(AXE);
  });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })),
    };
  });
  if (result.passes === 0) throw new Error("axe-core ran no checks on this page");
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export const PASSWORD = "river lantern quietly ninety";

/** Signs up through the form and continues past the recovery key. */
export async function signUp(page, base, username, displayName) {
  await page.goto(`${base}/signup`);
  await page.fill("#username", username);
  await page.fill("#display_name", displayName);
  await page.fill("#password", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForSelector(".recovery-key");
}

/** Screenshot plus accessibility check: fails on any serious or critical violation. */
export async function checked(page, name) {
  await shot(page, name);
  const serious = await axe(page);
  if (serious.length) {
    throw new Error(`${name}: accessibility violations ${JSON.stringify(serious)}`);
  }
}

/** Signs up two people in their own pages and pairs them through an invite code. */
export async function pairUp(base, first, second) {
  await signUp(first.page, base, first.username, first.name);
  await signUp(second.page, base, second.username, second.name);
  await first.page.goto(`${base}/couple`);
  await first.page.click("text=Make an invite code");
  const code = (await first.page.textContent("#invite-code")).trim();
  await second.page.goto(`${base}/couple`);
  await second.page.fill("#code", code);
  await second.page.click("text=Join my partner");
  await second.page.waitForSelector(`text=You're paired with ${first.name}`);
  return code;
}

/** A server and a browser for one test file, started before and stopped after its tests
 * (`env()` gives the server's extra environment, read when it starts). */
export function suite(before, after, env = () => ({})) {
  const ctx = {};
  before(async () => {
    ctx.server = await startServer(await env());
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}
