// Builds PHI Guard for Chrome and Firefox in one go:
//
//   node extension/build.mjs [--pack DIR ...] [--gecko-id ID] [--no-chrome-key] [--out DIR]
//
// → extension/dist/chrome/ and extension/dist/firefox/ (load unpacked / as a temporary add-on),
//   extension/dist/phiguard-chrome.zip and extension/dist/phiguard-firefox.xpi.
//
// For an organisation's own packages (deploy/README.md, "Building your own packages"):
//   --gecko-id ID (or PHIGUARD_GECKO_ID)   the Firefox add-on id, for an organisation that signs its
//                                          own .xpi (only the owner of phiguard@phiguard.org can sign that one)
//   --no-chrome-key (or PHIGUARD_CHROME_KEY=none)  no "key" in the Chrome manifest, ready to pack into
//                                          a .crx with the organisation's own private key
//   --out DIR                              write there instead of extension/dist/
//
// esbuild bundles each entry point into a classic IIFE script (content scripts cannot be ES
// modules). The rules in shared_rules/ (plus any extra --pack directories, or PHIGUARD_RULE_PACKS
// separated by the path delimiter) reach the offline analyzer through the virtual module
// 'phiguard:rule-packs', filled by collectPackFiles(): no hand copy.

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import * as esbuild from 'esbuild';
import { collectPackFiles } from './scripts/collect_rules.mjs';
import { createOfflineAnalyzerFromFiles } from './src/rules/offline_analyzer.js';
import { writeZip } from './scripts/write_zip.mjs';
import { writeIcons } from './scripts/draw_icons.mjs';

const EXTENSION_DIR = dirname(fileURLToPath(import.meta.url));
const DIST_DIR = join(EXTENSION_DIR, 'dist');
const SRC_DIR = join(EXTENSION_DIR, 'src');

const ENTRY_POINTS = {
  background: join(SRC_DIR, 'background/background.js'),
  content: join(SRC_DIR, 'content/content.js'),
  'popup/popup': join(SRC_DIR, 'popup/popup.js'),
  'options/options': join(SRC_DIR, 'options/options.js'),
};

const STATIC_FILES = {
  'managed_schema.json': join(EXTENSION_DIR, 'managed_schema.json'),
  'content.css': join(SRC_DIR, 'content/content.css'),
  'popup/popup.html': join(SRC_DIR, 'popup/popup.html'),
  'options/options.html': join(SRC_DIR, 'options/options.html'),
  'settings.css': join(SRC_DIR, 'settings_page.css'),
};

const USAGE = 'node extension/build.mjs [--pack DIR ...] [--gecko-id ID] [--no-chrome-key] [--out DIR]';

// What addons.mozilla.org accepts as an add-on id: an e-mail-like name or a GUID in braces.
const GECKO_ID = /^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[A-Za-z0-9._-]*@[A-Za-z0-9._-]+)$/;

export function parseArgs(argv, env = process.env) {
  const packs = (env.PHIGUARD_RULE_PACKS ?? '').split(delimiter).filter(Boolean);
  const options = { packs, geckoId: env.PHIGUARD_GECKO_ID || undefined, chromeKey: env.PHIGUARD_CHROME_KEY !== 'none' };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--pack' && argv[i + 1]) packs.push(argv[(i += 1)]);
    else if (argv[i] === '--gecko-id' && argv[i + 1]) options.geckoId = argv[(i += 1)];
    else if (argv[i] === '--no-chrome-key') options.chromeKey = false;
    else if (argv[i] === '--out' && argv[i + 1]) options.outDir = argv[(i += 1)];
    else throw new Error(`unexpected argument: ${argv[i]} (usage: ${USAGE})`);
  }
  return options;
}

/** esbuild plugin: `import rulePackFiles from 'phiguard:rule-packs'` → the collected pack files. */
function rulePacksPlugin(files) {
  return {
    name: 'phiguard-rule-packs',
    setup(build) {
      build.onResolve({ filter: /^phiguard:rule-packs$/ }, () => ({ path: 'rule-packs', namespace: 'phiguard' }));
      build.onLoad({ filter: /.*/, namespace: 'phiguard' }, () => ({
        contents: `export default ${JSON.stringify(files.map(({ path, data }) => ({ path, data })))};`,
        loader: 'js',
      }));
    },
  };
}

export function manifestFor(browser, base, { geckoId, chromeKey = true } = {}) {
  const manifest = structuredClone(base);
  if (browser === 'chrome' && chromeKey) {
    // A fixed key gives a fixed extension id, which enterprise policy (3rdparty.extensions) is keyed on.
    // Without it, the id comes from the private key the .crx is packed with.
    const { key } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'chrome_key.json'), 'utf8'));
    manifest.key = key;
  }
  if (browser === 'firefox' && geckoId) manifest.browser_specific_settings.gecko.id = geckoId;
  return manifest;
}

export async function build({ packs = [], geckoId, chromeKey = true, outDir = DIST_DIR } = {}) {
  const started = Date.now();
  if (geckoId !== undefined && !GECKO_ID.test(geckoId)) {
    throw new Error(`--gecko-id ${JSON.stringify(geckoId)}: an add-on id is name@domain or a {GUID}`);
  }
  const files = collectPackFiles(packs);
  createOfflineAnalyzerFromFiles(files); // a broken pack fails the build, not the extension

  // Only what this build writes goes: --out may name a directory that holds other things.
  if (outDir === DIST_DIR) rmSync(DIST_DIR, { recursive: true, force: true });
  for (const name of ['chrome', 'firefox', '.bundle', 'phiguard-chrome.zip', 'phiguard-firefox.xpi']) {
    rmSync(join(outDir, name), { recursive: true, force: true });
  }
  const bundleDir = join(outDir, '.bundle');
  await esbuild.build({
    entryPoints: ENTRY_POINTS,
    outdir: bundleDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome121', 'firefox128'],
    charset: 'utf8',
    legalComments: 'none',
    minify: false, // readable for store review
    sourcemap: false,
    logLevel: 'warning',
    plugins: [rulePacksPlugin(files)],
  });

  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const outputs = {};
  for (const browser of ['chrome', 'firefox']) {
    const dir = join(outDir, browser);
    mkdirSync(join(dir, 'icons'), { recursive: true });
    cpSync(bundleDir, dir, { recursive: true });
    for (const [target, source] of Object.entries(STATIC_FILES)) {
      mkdirSync(dirname(join(dir, target)), { recursive: true });
      cpSync(source, join(dir, target));
    }
    writeIcons(join(dir, 'icons'));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(browser, manifest, { geckoId, chromeKey }), null, 2)}\n`);
    const archive = join(outDir, browser === 'chrome' ? 'phiguard-chrome.zip' : 'phiguard-firefox.xpi');
    writeZip(dir, archive);
    outputs[browser] = { dir, archive };
  }
  rmSync(bundleDir, { recursive: true, force: true });
  console.log(`PHI Guard ${manifest.version} built in ${Date.now() - started} ms (${files.length} rule-pack files):`);
  for (const { dir, archive } of Object.values(outputs)) console.log(`  ${dir}\n  ${archive}`);
  return outputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await build(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    process.exitCode = 1;
  }
}
