// Buttons stay readable when hovered or focused, in the light theme and the dark one: the text
// and its background keep at least 4.5:1, measured from the computed colours, and axe agrees.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axe, phone, shot, suite } from "./helpers.js";

const t = suite(before, after);

/** WCAG contrast of an element's computed text colour on its computed background. */
async function contrast(page, selector) {
  return page.$eval(selector, (el) => {
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const s = getComputedStyle(el);
    const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`buttons keep their contrast on hover and focus (${colorScheme})`, async () => {
    const ctx = await phone(t.browser, { colorScheme, reducedMotion: "reduce" });
    const page = await ctx.newPage();
    await page.goto(`${t.server.base}/signup`);
    const button = "form button[type=submit]";
    const rest = await contrast(page, button);
    await page.hover(button);
    const hovered = await contrast(page, button);
    await shot(page, `90-button-hover-${colorScheme}`);
    const serious = await axe(page);
    assert.deepEqual(serious, [], JSON.stringify(serious));
    await page.mouse.move(0, 0);
    await page.focus(button);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const focused = await contrast(page, button);
    for (const [state, ratio] of Object.entries({ rest, hovered, focused })) {
      assert.ok(ratio >= 4.5, `${colorScheme} ${state}: ${ratio.toFixed(2)}:1`);
    }
    await ctx.close();
  });
}
