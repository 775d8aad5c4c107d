// Builds PHI Guard for Chrome and Firefox in one go:
//
//   node extension/build.mjs [--pack DIR ...]
//
// → extension/dist/chrome/ and extension/dist/firefox/ (load unpacked / as a temporary add-on),
//   extension/dist/phiguard-chrome.zip and extension/dist/phiguard-firefox.xpi.
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

function parseArgs(argv) {
  const packs = (process.env.PHIGUARD_RULE_PACKS ?? '').split(delimiter).filter(Boolean);
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--pack' && argv[i + 1]) packs.push(argv[(i += 1)]);
    else throw new Error(`unexpected argument: ${argv[i]} (usage: node extension/build.mjs [--pack DIR ...])`);
  }
  return { packs };
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

function manifestFor(browser, base) {
  const manifest = structuredClone(base);
  if (browser === 'chrome') {
    // A fixed key gives a fixed extension id, which enterprise policy (3rdparty.extensions) is keyed on.
    const { key } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'chrome_key.json'), 'utf8'));
    manifest.key = key;
  }
  return manifest;
}

export async function build({ packs = [] } = {}) {
  const started = Date.now();
  const files = collectPackFiles(packs);
  createOfflineAnalyzerFromFiles(files); // a broken pack fails the build, not the extension

  rmSync(DIST_DIR, { recursive: true, force: true });
  const bundleDir = join(DIST_DIR, '.bundle');
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
    const dir = join(DIST_DIR, browser);
    mkdirSync(join(dir, 'icons'), { recursive: true });
    cpSync(bundleDir, dir, { recursive: true });
    for (const [target, source] of Object.entries(STATIC_FILES)) {
      mkdirSync(dirname(join(dir, target)), { recursive: true });
      cpSync(source, join(dir, target));
    }
    writeIcons(join(dir, 'icons'));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(browser, manifest), null, 2)}\n`);
    const archive = join(DIST_DIR, browser === 'chrome' ? 'phiguard-chrome.zip' : 'phiguard-firefox.xpi');
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
