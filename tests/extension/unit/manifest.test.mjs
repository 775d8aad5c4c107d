// The manifest as shipped: MV3, both background keys, the fixed gecko id, managed storage schema,
// content scripts for the four sites, a strict CSP; and the build's per-browser outputs.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { build } from '../../../extension/build.mjs';

const root = new URL('../../../extension/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8'));
const chromeKey = JSON.parse(readFileSync(new URL('chrome_key.json', root), 'utf8'));

describe('manifest.json', () => {
  it('is MV3 with a service worker for Chrome and background scripts for Firefox', () => {
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.background.service_worker, 'background.js');
    assert.deepEqual(manifest.background.scripts, ['background.js']);
  });

  it('has the fixed gecko id policies are keyed on', () => {
    assert.equal(manifest.browser_specific_settings.gecko.id, 'phiguard@phiguard.org');
    assert.ok(Number.parseFloat(manifest.browser_specific_settings.gecko.strict_min_version) >= 128);
  });

  it('references the managed storage schema', () => {
    assert.equal(manifest.storage.managed_schema, 'managed_schema.json');
    assert.ok(existsSync(new URL(manifest.storage.managed_schema, root)));
  });

  it('runs the content script on the four sites, https only', () => {
    const [script] = manifest.content_scripts;
    assert.deepEqual(script.matches, ['https://*.facebook.com/*', 'https://*.linkedin.com/*', 'https://*.x.com/*', 'https://*.twitter.com/*']);
    assert.deepEqual(script.js, ['content.js']);
  });

  it('has a strict CSP for extension pages and asks only for storage and native messaging', () => {
    assert.match(manifest.content_security_policy.extension_pages, /script-src 'self';/);
    assert.doesNotMatch(manifest.content_security_policy.extension_pages, /unsafe|http/);
    assert.deepEqual(manifest.permissions, ['storage', 'nativeMessaging']);
  });
});

describe('chrome_key.json', () => {
  it('states the id Chrome derives from the key', () => {
    const hex = createHash('sha256').update(Buffer.from(chromeKey.key, 'base64')).digest('hex').slice(0, 32);
    const id = [...hex].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('');
    assert.equal(id, chromeKey.id);
  });
});

describe('node extension/build.mjs', () => {
  let outputs;
  before(async () => {
    outputs = await build();
  });

  it('writes loadable folders and archives for Chrome and Firefox', () => {
    for (const browser of ['chrome', 'firefox']) {
      const { dir, archive } = outputs[browser];
      for (const file of ['manifest.json', 'background.js', 'content.js', 'content.css', 'popup/popup.html', 'popup/popup.js', 'options/options.html', 'options/options.js', 'managed_schema.json', 'icons/icon-128.png']) {
        assert.ok(existsSync(`${dir}/${file}`), `${browser}: ${file}`);
      }
      assert.equal(readFileSync(archive).readUInt32LE(0), 0x04034b50, `${archive} is a zip`);
    }
  });

  it('adds the key only to the Chrome manifest', () => {
    const chrome = JSON.parse(readFileSync(`${outputs.chrome.dir}/manifest.json`, 'utf8'));
    const firefox = JSON.parse(readFileSync(`${outputs.firefox.dir}/manifest.json`, 'utf8'));
    assert.equal(chrome.key, chromeKey.key);
    assert.equal('key' in firefox, false);
  });

  it('bundles classic scripts (no ES module syntax) with the shared rules inside', () => {
    for (const file of ['content.js', 'background.js', 'popup/popup.js', 'options/options.js']) {
      const code = readFileSync(`${outputs.chrome.dir}/${file}`, 'utf8');
      assert.doesNotMatch(code, /^\s*(import|export)\s/m, `${file} is not a module`);
    }
    const background = readFileSync(`${outputs.chrome.dir}/background.js`, 'utf8');
    assert.match(background, /nhs_number\.spaced/, 'the core rule pack is bundled by the build step');
    assert.doesNotMatch(readFileSync(`${outputs.chrome.dir}/content.js`, 'utf8'), /innerHTML|insertAdjacentHTML|eval\(/, 'the content script never parses HTML');
  });
});
