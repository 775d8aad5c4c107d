// One small interface over a Playwright page (Chromium) and a Puppeteer page (Firefox), so the
// same scenarios run in both browsers.

const DEFAULT_TIMEOUT_MS = 45000;
const POLL_MS = 100;

/**
 * Poll `evaluate()` from Node until it returns something truthy. Puppeteer's waitForFunction
 * builds its predicate with Function() inside the page, which Firefox ESR 140's WebDriver BiDi
 * runs under the page's CSP (the fixtures send script-src 'self', as the real sites do): blocked.
 */
async function pollInNode(evaluate, timeout) {
  const deadline = Date.now() + timeout;
  let lastError = null;
  for (;;) {
    try {
      const value = await evaluate();
      if (value) return value;
      lastError = null;
    } catch (error) {
      lastError = error; // e.g. the page is navigating: its context is gone for a moment
    }
    if (Date.now() > deadline) throw new Error(`Waiting failed: ${timeout} ms exceeded${lastError ? ` (${lastError.message.split('\n')[0]})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** @param {'playwright'|'puppeteer'} kind */
export function wrapPage(page, kind) {
  const isPlaywright = kind === 'playwright';
  return {
    raw: page,
    kind,
    async goto(url) {
      if (!isPlaywright && url.startsWith('moz-extension:')) {
        // Firefox ESR 140's BiDi never reports the navigation to an extension page as done (the
        // page loads; puppeteer waits forever): start it, then wait for the page itself.
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 3000 }).catch(() => {});
        await pollInNode(() => page.evaluate((want) => location.href === want && document.readyState === 'complete', url).catch(() => false), 30000);
        return;
      }
      await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    },
    /** Evaluate `fn(arg)` in the page's main world. */
    evaluate(fn, arg) {
      return isPlaywright ? page.evaluate(fn, arg) : page.evaluate(fn, arg);
    },
    /** Wait until `fn(arg)` is truthy in the page; returns its value. */
    async waitFor(fn, arg, { timeout = DEFAULT_TIMEOUT_MS, message = '' } = {}) {
      try {
        if (!isPlaywright) return await pollInNode(() => page.evaluate(fn, arg), timeout);
        const handle = await page.waitForFunction(fn, arg, { timeout, polling: 100 });
        const value = await handle.jsonValue();
        await handle.dispose();
        return value;
      } catch (error) {
        throw new Error(`${message || 'waitFor'}: ${error.message.split('\n')[0]}`, { cause: error });
      }
    },
    async click(selector) {
      const handle = await page.waitForSelector(selector, { timeout: DEFAULT_TIMEOUT_MS });
      await handle.click();
      await handle.dispose();
    },
    /** Click the element `fn(arg)` returns (e.g. inside <phiguard-root>'s shadow root) with the mouse. */
    async clickHandle(fn, arg, description) {
      const handle = isPlaywright ? await page.evaluateHandle(fn, arg) : await page.evaluateHandle(fn, arg);
      const element = handle.asElement();
      if (!element) {
        await handle.dispose();
        throw new Error(`not found: ${description}`);
      }
      await element.click();
      await handle.dispose();
    },
    async hover(x, y) {
      await page.mouse.move(x, y);
    },
    /** Press and release the left button where the mouse is (a click at a point, not on an element). */
    async mouseDown() {
      await page.mouse.down();
    },
    async mouseUp() {
      await page.mouse.up();
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    /** Press a key with modifiers, e.g. press('z', ['Control']). */
    async press(key, modifiers = []) {
      if (isPlaywright) {
        await page.keyboard.press([...modifiers, key].join('+'));
        return;
      }
      for (const modifier of modifiers) await page.keyboard.down(modifier);
      await page.keyboard.press(key);
      for (const modifier of [...modifiers].reverse()) await page.keyboard.up(modifier);
    },
    /** Resize the page's viewport (CSS pixels). */
    async setViewport(width, height) {
      if (isPlaywright) {
        await page.setViewportSize({ width, height });
        return;
      }
      // Puppeteer's setViewport also overrides the screen orientation, a BiDi command Firefox ESR
      // 140 does not have: set only the viewport, through the frame's browsing context.
      await page.mainFrame().browsingContext.setViewport({ viewport: { width, height }, devicePixelRatio: null });
    },
    async screenshot(path) {
      await page.screenshot({ path });
    },
    async close() {
      await page.close().catch(() => {});
    },
  };
}
