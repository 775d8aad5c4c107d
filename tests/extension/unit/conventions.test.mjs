// The conventions the code keeps (STYLE.md): one file per site adapter and per editor, the file
// name is its id; each has a browser fixture and a README entry; adapters register
// {id, matches, init(signal)}; site matching agrees with the manifest.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { matchesPattern } from '../../../extension/src/content/match_pattern.js';
import { EDITOR_FIXTURES } from '../webext/editor_fixtures.mjs';

const src = new URL('../../../extension/src/', import.meta.url);
const readme = readFileSync(new URL('../../../extension/README.md', import.meta.url), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('../../../extension/manifest.json', import.meta.url), 'utf8'));
const siteFiles = readdirSync(new URL('sites/', src)).filter((f) => f.endsWith('.js'));
const editorFiles = readdirSync(new URL('editors/', src)).filter((f) => f.endsWith('.js'));

// Site adapters and editors touch the DOM only when started; a bare jsdom lets them import.
const { window } = new JSDOM('<!doctype html><body></body>');
for (const name of ['HTMLTextAreaElement', 'HTMLInputElement', 'MutationObserver', 'document', 'Node']) globalThis[name] ??= window[name];

describe('site adapters', () => {
  it('are facebook, linkedin and x', () => {
    assert.deepEqual(siteFiles.sort(), ['facebook.js', 'linkedin.js', 'x.js']);
  });

  for (const file of siteFiles) {
    const id = file.replace(/\.js$/, '');
    it(`${file} registers {id: '${id}', matches, init(signal)}, covered by the manifest, with a fixture and README entry`, async () => {
      const { default: site } = await import(new URL(`sites/${file}`, src));
      assert.equal(site.id, id);
      assert.equal(typeof site.init, 'function');
      assert.equal(site.init.length, 1, 'init takes the AbortSignal');
      for (const pattern of site.matches) assert.ok(manifest.content_scripts[0].matches.includes(pattern), `${pattern} in the manifest`);
      const fixtures = EDITOR_FIXTURES.filter((f) => site.matches.some((p) => matchesPattern(p, new URL(f.url))));
      assert.ok(fixtures.length > 0, `a browser fixture is served under ${site.matches.join(', ')}`);
      assert.match(readme, new RegExp(`src/sites/${id}\\.js`), 'README entry');
    });
  }
});

describe('editors', () => {
  const editorModules = editorFiles.filter((f) => !['text_leaves.js', 'replace_text.js', 'detect_editor.js'].includes(f));

  it('are lexical, draft, quill, textarea and contenteditable', () => {
    assert.deepEqual(editorModules.sort(), ['contenteditable.js', 'draft.js', 'lexical.js', 'quill.js', 'textarea.js']);
  });

  for (const file of editorModules) {
    const id = file.replace(/\.js$/, '');
    it(`${file} has detect, getText, rangeFor, replace, a fixture and a README entry`, async () => {
      const { default: editor } = await import(new URL(`editors/${file}`, src));
      assert.equal(editor.id, id);
      for (const method of ['detect', 'getText', 'flatten', 'rangeFor', 'replace']) assert.equal(typeof editor[method], 'function', method);
      assert.ok(EDITOR_FIXTURES.some((f) => f.id === id), `fixture for ${id}`);
      assert.match(readme, new RegExp(`src/editors/${id}\\.js`), 'README entry');
    });
  }
});

describe('matchesPattern', () => {
  const cases = [
    ['https://*.facebook.com/*', 'https://www.facebook.com/groups/1', true],
    ['https://*.facebook.com/*', 'https://facebook.com/', true],
    ['https://*.facebook.com/*', 'https://notfacebook.com/', false],
    ['https://*.facebook.com/*', 'http://www.facebook.com/', false],
    ['https://*.x.com/*', 'https://x.com/home', true],
    ['https://*.x.com/*', 'https://box.com/', false],
    ['https://*.twitter.com/*', 'https://mobile.twitter.com/', true],
  ];
  for (const [pattern, url, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${url}`, () => {
      assert.equal(matchesPattern(pattern, new URL(url)), expected);
    });
  }
});
