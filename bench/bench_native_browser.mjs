#!/usr/bin/env node
// The native host as the browsers use it (issue 13), in Debian's Chromium and Firefox ESR with the
// built extension (npm run build first):
//
//   node bench/bench_native_browser.mjs [--browser chromium|firefox|both] [--rounds 3] [--posts 300] [--json]
//
// 1. Cold start: a browser just started, in a fresh HOME where `phiguard install-native-host`
//    registered the host, no host running, no HTTP server: the time from the first keystroke of a PHI
//    post on the Facebook fixture to its underlines from the native host (data-phiguard-mode="native"),
//    and from the last keystroke (typing the post takes part of the first figure). One browser per round.
// 2. Per request: from an extension page, the same posts (bench_latency.py's) through
//    runtime.connectNative and through fetch() to `phiguard serve` on loopback, one at a time, each
//    transport warm, so what differs is the browser's native messaging against its HTTP stack.
//
// Needs what the browser tests need (root for the private policy directory, the browsers).

import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from '../tests/extension/fixtures/build_fixtures.mjs';
import { startFixtureServer } from '../tests/extension/helpers/fixture_server.mjs';
import { startPhiguardServer } from '../tests/extension/helpers/python_server.mjs';
import { launchChromium } from '../tests/extension/helpers/chromium.mjs';
import { launchFirefox, FIREFOX_EXTENSION_UUID } from '../tests/extension/helpers/firefox.mjs';
import { registerNativeHost, phiguardPython } from '../tests/extension/helpers/native_host.mjs';
import { wrapPage } from '../tests/extension/webext/page_driver.mjs';
import { EDITOR_FIXTURES, PHI_POST } from '../tests/extension/webext/editor_fixtures.mjs';
import { builtExtension } from '../tests/extension/webext/suite_setup.mjs';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const LEXICAL = EDITOR_FIXTURES.find((f) => f.id === 'lexical');

function parseArgs(argv) {
  const args = { browser: 'both', rounds: 3, posts: 300, json: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--json') {
      args.json = true;
      continue;
    }
    const [key, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (!(key in args) || value === undefined) throw new Error(`usage: node bench/bench_native_browser.mjs [--browser chromium|firefox|both] [--rounds N] [--posts N] (got ${argv[i]})`);
    args[key] = key === 'browser' ? value : Number(value);
    i += 1;
  }
  return args;
}

function loadPosts(count) {
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); from bench_latency import load_posts; print(json.dumps(load_posts()))';
  const posts = JSON.parse(execFileSync(phiguardPython(), ['-c', code, BENCH_DIR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return posts.slice(0, count);
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v) => Number(v.toFixed(2));
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function launch(browser, extension, fixtures, home) {
  if (browser === 'chromium') {
    const chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: fixtures.port, home });
    return {
      newPage: async () => wrapPage(await chromium.context.newPage(), 'playwright'),
      extensionPage: `chrome-extension://${chromium.extensionId}/popup/popup.html`,
      close: () => chromium.close(),
    };
  }
  const firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: fixtures.proxyPort, home });
  return {
    newPage: async () => wrapPage(await firefox.browser.newPage(), 'puppeteer'),
    extensionPage: `moz-extension://${FIREFOX_EXTENSION_UUID}/popup/popup.html`,
    close: () => firefox.close(),
  };
}

async function coldStart(browser, extension, fixtures) {
  const registration = registerNativeHost(browser === 'chromium' ? 'chromium' : 'firefox');
  const running = await launch(browser, extension, fixtures, registration.home);
  try {
    const page = await running.newPage();
    await page.goto(LEXICAL.url);
    await page.waitFor(() => window.__fixture?.ready === true, undefined, { message: 'fixture ready' });
    await page.click(LEXICAL.editor);
    const firstKey = Date.now();
    await page.type(PHI_POST);
    const lastKey = Date.now();
    await page.waitFor((selector) => {
      const editor = document.querySelector(selector);
      return editor?.getAttribute('data-phiguard-mode') === 'native' && editor.getAttribute('data-phiguard-risk') === 'high' && (CSS.highlights.get('phiguard-high')?.size ?? 0) > 0;
    }, LEXICAL.editor, { message: 'underlines from the native host', timeout: 120000 });
    const done = Date.now();
    return { fromFirstKeyMs: done - firstKey, fromLastKeyMs: done - lastKey, typingMs: lastKey - firstKey };
  } finally {
    await running.close();
    registration.cleanup();
  }
}

/** In an extension page: the same posts through connectNative and through fetch(), one at a time. */
async function pageLatency({ posts, httpUrl, hostName }) {
  const api = globalThis.browser ?? globalThis.chrome;
  const port = api.runtime.connectNative(hostName);
  const waiting = new Map();
  let id = 0;
  port.onMessage.addListener((message) => {
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.(message);
  });
  const ask = (frame) => new Promise((resolve) => {
    id += 1;
    waiting.set(id, resolve);
    port.postMessage({ ...frame, id });
  });
  const post = (text) => fetch(`${httpUrl}/v1/analyze`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) }).then((r) => r.json());
  const warm = 'My client Sandra, 81, keeps falling in her bathroom in Whitby.';
  const loaded = await ask({ op: 'analyze', text: warm }); // the host loads its engine
  if (!loaded.result) throw new Error(`native host: ${JSON.stringify(loaded.error)}`);
  await post(warm);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the popup's own probe warms the background's host
  const measure = async (call) => {
    const samples = [];
    const started = performance.now();
    for (const text of posts) {
      const t = performance.now();
      await call(text);
      samples.push(performance.now() - t);
    }
    return { samples, totalMs: performance.now() - started };
  };
  const native = await measure(async (text) => {
    const reply = await ask({ op: 'analyze', text });
    if (!reply.result) throw new Error(`native host: ${JSON.stringify(reply.error)}`);
  });
  const http = await measure(post);
  port.disconnect();
  return { native, http };
}

async function perRequest(browser, extension, fixtures, posts, server) {
  const registration = registerNativeHost(browser === 'chromium' ? 'chromium' : 'firefox');
  const running = await launch(browser, extension, fixtures, registration.home);
  try {
    const page = await running.newPage();
    await page.goto(running.extensionPage);
    const result = await page.evaluate(pageLatency, { posts, httpUrl: server.url, hostName: 'org.phiguard.engine' });
    const summary = (r) => ({ ...percentiles(r.samples), meanFromTotal: Number((r.totalMs / r.samples.length).toFixed(2)) });
    return { native: summary(result.native), http: summary(result.http) };
  } finally {
    await running.close();
    registration.cleanup();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  process.env.PHIGUARD_PYTHON ??= phiguardPython(); // the HTTP server, as the native host, from the repository's .venv
  const browsers = args.browser === 'both' ? ['chromium', 'firefox'] : [args.browser];
  const extension = await builtExtension();
  const fixtures = await startFixtureServer(await buildFixtures());
  const posts = loadPosts(args.posts);
  const results = {};
  try {
    for (const browser of browsers) {
      const rounds = [];
      // No HTTP server while the cold start is measured: nothing but the native host can answer.
      for (let i = 0; i < args.rounds; i += 1) rounds.push(await coldStart(browser, extension, fixtures));
      const server = await startPhiguardServer();
      try {
        results[browser] = { coldStart: rounds, latency: await perRequest(browser, extension, fixtures, posts, server) };
      } finally {
        await server.stop();
      }
    }
  } finally {
    await fixtures.stop();
  }
  if (args.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(`${posts.length} posts; cold start over ${args.rounds} fresh browsers each (median, and every round)\n`);
  console.log('| browser | first keystroke → underlines (ms) | last keystroke → underlines (ms) | native p50 / p95 / mean (ms) | HTTP p50 / p95 / mean (ms) |');
  console.log('| --- | ---: | ---: | --- | --- |');
  for (const [browser, r] of Object.entries(results)) {
    const first = r.coldStart.map((c) => c.fromFirstKeyMs);
    const last = r.coldStart.map((c) => c.fromLastKeyMs);
    const { native, http } = r.latency;
    console.log(`| ${browser} | ${median(first)} (${first.join(', ')}) | ${median(last)} (${last.join(', ')}) | ${native.p50} / ${native.p95} / ${native.meanFromTotal} | ${http.p50} / ${http.p95} / ${http.meanFromTotal} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
