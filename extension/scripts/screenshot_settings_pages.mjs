// Photographs the built popup and options page, light and dark, into docs/screenshots/ for
// extension/README.md. Run by hand after changing them (`npm run build` first):
//
//   node extension/scripts/screenshot_settings_pages.mjs
//
// The pages run their own scripts against the stand-in extension API in the states the contrast
// test measures (tests/extension/helpers/settings_page_states.mjs): no server or policy needed.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openPageState } from '../../tests/extension/helpers/settings_page_states.mjs';

const CHROMIUM_PATH = process.env.PHIGUARD_CHROMIUM || '/usr/bin/chromium';
const EXTENSION_DIR = fileURLToPath(new URL('../dist/chrome', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const SHOTS = [
  { file: 'popup-watching-light.png', state: 'popup-watching', colorScheme: 'light' },
  { file: 'popup-watching-dark.png', state: 'popup-watching', colorScheme: 'dark' },
  { file: 'popup-paused-light.png', state: 'popup-paused', colorScheme: 'light' },
  { file: 'popup-managed-offline-dark.png', state: 'popup-managed-offline', colorScheme: 'dark', openAbout: true },
  { file: 'options-light.png', state: 'options', colorScheme: 'light' },
  { file: 'options-dark.png', state: 'options', colorScheme: 'dark' },
];

mkdirSync(OUT_DIR, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const shot of SHOTS) {
    const popup = shot.state.startsWith('popup');
    const page = await openPageState(browser, EXTENSION_DIR, shot.state, shot.colorScheme, { deviceScaleFactor: popup ? 2 : 1 });
    if (shot.openAbout) await page.evaluate('document.getElementById("about").open = true');
    await page.screenshot({ path: `${OUT_DIR}${shot.file}`, fullPage: true, animations: 'disabled' });
    await page.close();
    console.log(`docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
}
