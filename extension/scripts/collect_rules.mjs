// Gather the rule-pack files the extension bundles: shared_rules/core first, then each extra pack.
//
//   node extension/scripts/collect_rules.mjs --out FILE [--pack DIR ...]
//
// writes [{path, pack, data}] as JSON, the input of createOfflineAnalyzerFromFiles(). The build
// imports collectPackFiles() instead. Files are read in the order the server reads them
// (load_rule_packs.py: every *.json below the pack directory, sorted), so merging gives the same set.

import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

import { createOfflineAnalyzerFromFiles } from '../src/rules/offline_analyzer.js';

export const CORE_PACK_DIR = fileURLToPath(new URL('../../shared_rules/core', import.meta.url));

function comparePaths(a, b) {
  // pathlib sorts part by part ("a/x.json" before "a-b.json"), each part by code point.
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) {
      const cx = Array.from(x[i], (c) => c.codePointAt(0));
      const cy = Array.from(y[i], (c) => c.codePointAt(0));
      for (let j = 0; j < Math.min(cx.length, cy.length); j += 1) {
        if (cx[j] !== cy[j]) return cx[j] - cy[j];
      }
      return cx.length - cy.length;
    }
  }
  return x.length - y.length;
}

function jsonFilesBelow(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => String(name))
    .filter((name) => name.endsWith('.json') && statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort(comparePaths);
}

/**
 * @param {string[]} dirs  extra pack directories, in load order (the core pack always comes first)
 * @returns {{path: string, pack: string, data: object}[]}  path is "<pack>/<path inside the pack>"
 */
export function collectPackFiles(dirs = []) {
  const files = [];
  const labels = new Set();
  for (const dir of [CORE_PACK_DIR, ...dirs.map((d) => resolve(d))]) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`${dir}: rule pack directory does not exist`);
    }
    let label = basename(dir);
    for (let n = 2; labels.has(label); n += 1) label = `${basename(dir)}-${n}`;
    labels.add(label);
    for (const name of jsonFilesBelow(dir)) {
      const path = `${label}/${name}`;
      let data;
      try {
        data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch (e) {
        throw new Error(`${join(dir, name)}: not valid JSON: ${e.message}`, { cause: e });
      }
      files.push({ path, pack: label, data });
    }
  }
  return files;
}

function parseArgs(argv) {
  const args = { out: null, packs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out' && i + 1 < argv.length) args.out = argv[(i += 1)];
    else if (argv[i] === '--pack' && i + 1 < argv.length) args.packs.push(argv[(i += 1)]);
    else throw new Error(`unexpected argument: ${argv[i]}`);
  }
  if (!args.out) throw new Error('usage: collect_rules.mjs --out FILE [--pack DIR ...]');
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, packs } = parseArgs(process.argv.slice(2));
    const files = collectPackFiles(packs);
    createOfflineAnalyzerFromFiles(files); // fail the build, not the extension, on a broken pack
    writeFileSync(out, `${JSON.stringify(files)}\n`);
    console.log(`${out}: ${files.length} rule-pack files`);
  } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
  }
}
