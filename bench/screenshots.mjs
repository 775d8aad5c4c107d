// Screenshots of PHI Guard's in-page UI in each state, on each fixture editor, in headless
// Chromium with the built extension and the real server (the browser tests' own set-up). Run by
// hand, not by the test suite:
//
//   npm run build && PHIGUARD_PYTHON=.venv/bin/python node bench/screenshots.mjs [out-dir]
//
// writes <fixture>-<state>.png (default docs/screenshots/): rest (underlines and badge), hover
// (a finding's card), keyboard (the card at the caret after Alt+Shift+P), panel (the findings
// view), dialog (the pre-send dialog), dark (the dark page variant, at rest with a card).

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtExtension, startServers } from '../tests/extension/webext/suite_setup.mjs';
import { launchChromium } from '../tests/extension/helpers/chromium.mjs';
import { wrapPage } from '../tests/extension/webext/page_driver.mjs';
import { EDITOR_FIXTURES, PHI_POST } from '../tests/extension/webext/editor_fixtures.mjs';
import { openFixture, waitForServerRisk } from '../tests/extension/webext/scenarios.mjs';

const OUT = process.argv[2] ?? fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const VIEWPORT = { width: 1100, height: 720 };

const shadowHas = (selector) => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector(selector);

async function flagged(page, fixture) {
  await page.type(PHI_POST);
  await waitForServerRisk(page, fixture, 'high', 'flagged by the server');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function hoverWord(page, word) {
  const point = await page.evaluate((w) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('phiguard-')) continue;
      for (const range of highlight) if (range.toString() === w) {
        const r = range.getClientRects()[0];
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    const node = document.querySelector('phiguard-root').shadowRoot.querySelector('.mirror')?.firstChild;
    const range = document.createRange();
    range.setStart(node, node.nodeValue.indexOf(w));
    range.setEnd(node, node.nodeValue.indexOf(w) + w.length);
    const r = range.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, word);
  await page.hover(point.x - 2, point.y);
  await page.hover(point.x, point.y);
  await page.waitFor(shadowHas, '.card.floating', { message: 'hover card' });
}

async function shoot(page, fixture, state) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  const file = `${OUT}/${fixture.id}-${state}.png`;
  await page.screenshot(file);
  console.log(`  ${file}`);
}

mkdirSync(OUT, { recursive: true });
const extension = await builtExtension();
const servers = await startServers();
const chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { serverUrl: servers.server.url } });
try {
  for (const fixture of EDITOR_FIXTURES) {
    console.log(fixture.name);
    const page = wrapPage(await chromium.context.newPage(), 'playwright');
    await page.setViewport(VIEWPORT.width, VIEWPORT.height);
    await openFixture(page, fixture);
    await flagged(page, fixture);
    await shoot(page, fixture, 'rest');
    await hoverWord(page, 'Sandra');
    await shoot(page, fixture, 'hover');
    await page.hover(1, 1);
    await page.click(fixture.editor);
    await page.press('End', ['Control']);
    for (let i = 0; i < 30; i += 1) await page.press('ArrowLeft');
    await page.press('P', ['Alt', 'Shift']);
    await page.waitFor(shadowHas, '.card.floating', { message: 'keyboard card' });
    await shoot(page, fixture, 'keyboard');
    await page.press('Escape');
    await page.clickHandle(() => document.querySelector('phiguard-root').shadowRoot.querySelector('[data-phiguard-badge]'), undefined, 'badge');
    await page.waitFor(shadowHas, '.panel .card', { message: 'findings view' });
    await shoot(page, fixture, 'panel');
    await page.press('Escape');
    await page.click(fixture.postButton);
    await page.waitFor(shadowHas, '.dialog', { message: 'pre-send dialog' });
    await shoot(page, fixture, 'dialog');
    await page.press('Escape');
    await page.press('Escape');
    await openFixture(page, fixture, `${fixture.url}?theme=dark`);
    await flagged(page, fixture);
    await hoverWord(page, 'Whitby');
    await shoot(page, fixture, 'dark');
    await page.close();
  }
} finally {
  await chromium.close();
  await servers.server.stop();
  await servers.fixtures.stop();
}
