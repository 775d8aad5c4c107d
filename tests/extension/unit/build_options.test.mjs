// Issue 12, first use 7: an organisation builds its own packages without editing the manifest by
// hand: its own Firefox add-on id (only the owner of phiguard@phiguard.org can sign that one) and a
// Chrome build without "key", ready to pack into a .crx with its own private key.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, manifestFor, parseArgs } from '../../../extension/build.mjs';

const root = new URL('../../../extension/', import.meta.url);
const base = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8'));
const deployReadme = readFileSync(new URL('../deploy/README.md', root), 'utf8');
const ORG_ID = 'phiguard@northshire.nhs.example';

describe('build options for an organisation', () => {
  it('reads the id, the key choice and the output directory from flags or the environment', () => {
    assert.deepEqual(parseArgs(['--gecko-id', ORG_ID, '--no-chrome-key', '--out', '/tmp/o'], {}),
      { packs: [], geckoId: ORG_ID, chromeKey: false, outDir: '/tmp/o' });
    assert.deepEqual(parseArgs([], { PHIGUARD_GECKO_ID: ORG_ID, PHIGUARD_CHROME_KEY: 'none' }),
      { packs: [], geckoId: ORG_ID, chromeKey: false });
    assert.deepEqual(parseArgs([], {}), { packs: [], geckoId: undefined, chromeKey: true });
    assert.throws(() => parseArgs(['--gecko-id'], {}), /unexpected argument/);
  });

  it('puts the id in the Firefox manifest only, and leaves the key out of Chrome\'s on request', () => {
    const firefox = manifestFor('firefox', base, { geckoId: ORG_ID });
    assert.equal(firefox.browser_specific_settings.gecko.id, ORG_ID);
    assert.equal(firefox.key, undefined);
    assert.equal(base.browser_specific_settings.gecko.id, 'phiguard@phiguard.org', 'the source manifest is untouched');
    assert.equal(typeof manifestFor('chrome', base).key, 'string');
    assert.equal(manifestFor('chrome', base, { chromeKey: false }).key, undefined);
  });

  it('builds both packages into another directory, leaving extension/dist alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'phiguard-build-'));
    const keep = join(out, 'unrelated.txt');
    writeFileSync(keep, 'not the build\'s');
    try {
      await build({ geckoId: ORG_ID, chromeKey: false, outDir: out });
      const chrome = JSON.parse(readFileSync(join(out, 'chrome', 'manifest.json'), 'utf8'));
      const firefox = JSON.parse(readFileSync(join(out, 'firefox', 'manifest.json'), 'utf8'));
      assert.equal(chrome.key, undefined, 'pack-ready: Chrome takes the id from the packing key');
      assert.equal(firefox.browser_specific_settings.gecko.id, ORG_ID);
      assert.ok(existsSync(join(out, 'phiguard-chrome.zip')) && existsSync(join(out, 'phiguard-firefox.xpi')));
      assert.ok(existsSync(keep), '--out removes only what the build writes');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an add-on id Firefox would not accept', async () => {
    await assert.rejects(build({ geckoId: 'not an id', outDir: join(tmpdir(), 'phiguard-never') }), /gecko-id/);
  });

  it('is documented in the deployment guide', () => {
    for (const flag of ['--gecko-id', '--no-chrome-key', 'PHIGUARD_GECKO_ID', 'PHIGUARD_CHROME_KEY=none']) {
      assert.ok(deployReadme.includes(flag), `deploy/README.md does not mention ${flag}`);
    }
    assert.ok(!deployReadme.includes('remove the line  "key"'), 'no hand-editing of the manifest left');
  });
});
