// The one settings reader: defaults < user options < managed (organisation) policy; managed values
// are type-checked against the defaults; it never throws.

import { describe, it, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// A fake extension API installed before the reader is imported (browser_api.js reads it once).
const areas = { local: {}, managed: {} };
const failing = { local: false, managed: false };
const changeListeners = [];
function fakeArea(name) {
  return {
    async get() {
      if (failing[name]) throw new Error(`storage.${name} broken`);
      return structuredClone(areas[name]);
    },
    async set(values) {
      Object.assign(areas[name], structuredClone(values));
      for (const listener of changeListeners) listener(values, name);
    },
  };
}
globalThis.browser = {
  storage: {
    local: fakeArea('local'),
    managed: fakeArea('managed'),
    onChanged: { addListener: (l) => changeListeners.push(l), removeListener: () => {} },
  },
};

let reader;
let defaults;
let allowList;
before(async () => {
  reader = await import('../../../extension/src/settings/policy_reader.js');
  defaults = await import('../../../extension/src/settings/defaults.js');
  allowList = await import('../../../extension/src/settings/allow_list.js');
});

beforeEach(() => {
  areas.local = {};
  areas.managed = {};
  failing.local = false;
  failing.managed = false;
});

describe('readSettings', () => {
  it('gives the defaults when nothing is stored', async () => {
    const { settings, locked } = await reader.readSettings();
    assert.equal(settings.serverUrl, 'http://127.0.0.1:8765');
    assert.deepEqual(settings.sites, ['facebook', 'linkedin', 'x']);
    assert.equal(settings.enforcement, 'warn');
    assert.deepEqual(locked, {});
  });

  it('lets managed values override and lock user options', async () => {
    areas.local = { serverUrl: 'http://localhost:9000', minimumSeverity: 'high', enforcement: 'off' };
    areas.managed = { serverUrl: 'https://phiguard.example.org/', enforcement: 'block', organisationName: 'Northshire' };
    const { settings, locked, managed } = await reader.readSettings();
    assert.equal(settings.serverUrl, 'https://phiguard.example.org');
    assert.equal(settings.enforcement, 'block');
    assert.equal(settings.minimumSeverity, 'high', 'an unmanaged user option stays');
    assert.deepEqual(locked, { serverUrl: true, enforcement: true, organisationName: true });
    assert.equal(managed.organisationName, 'Northshire');
  });

  it('ignores managed values of the wrong type or shape', async () => {
    areas.managed = {
      serverUrl: 42, enforcement: 'sometimes', sites: ['facebook', 'myspace'], minimumSeverity: 'HIGH',
      allowUserDisable: 'no', offlineFallback: 0, organisationName: ['x'], supportUrl: 'javascript:alert(1)',
    };
    const { settings, locked } = await reader.readSettings();
    assert.deepEqual(locked, {});
    assert.equal(settings.serverUrl, 'http://127.0.0.1:8765');
    assert.deepEqual(settings.sites, ['facebook', 'linkedin', 'x']);
    assert.equal(settings.supportUrl, '');
  });

  it('never throws when storage fails', async () => {
    failing.local = true;
    failing.managed = true;
    const { settings } = await reader.readSettings();
    assert.equal(settings.enforcement, 'warn');
  });

  it('allowUserDisable=false locks the sites on and forbids enforcement off', async () => {
    areas.local = { sites: ['x'], enforcement: 'off' };
    areas.managed = { allowUserDisable: false };
    const { settings, locked } = await reader.readSettings();
    assert.deepEqual(settings.sites, ['facebook', 'linkedin', 'x']);
    assert.equal(settings.enforcement, 'warn');
    assert.equal(locked.sites, true);
    assert.equal(locked.enforcement, true);
  });

  it('allowPersonalAllowList=false empties and locks the allow-list', async () => {
    areas.local = { allowList: ['whitby'] };
    areas.managed = { allowPersonalAllowList: false };
    const { settings, locked } = await reader.readSettings();
    assert.deepEqual(settings.allowList, []);
    assert.equal(locked.allowList, true);
  });
});

describe('server URL: https unless the host is loopback', () => {
  const ACCEPTED = [
    'https://phiguard.example.org', 'https://10.0.0.5:8443/', 'http://127.0.0.1:8765', 'http://127.255.0.9:1',
    'http://127.1:8765', 'http://localhost:8765', 'http://LOCALHOST', 'http://[::1]:8765', 'http://[0:0:0:0:0:0:0:1]',
  ];
  const REFUSED = [
    'http://phiguard.example.org', 'http://192.168.1.20:8765', 'http://10.0.0.5', 'http://128.0.0.1', 'http://[::2]',
    'http://[::ffff:127.0.0.1]', 'http://localhost.example.org', 'http://127.0.0.1.nip.io', 'http://0.0.0.0:8765',
    'ftp://127.0.0.1', 'https://user:pass@phiguard.example.org', 'https://phiguard.example.org/?token=x', 'not a url',
  ];
  for (const url of ACCEPTED) {
    it(`accepts ${url}`, () => {
      assert.equal(defaults.serverUrlProblem(url), '');
      assert.equal(defaults.checkSetting('serverUrl', url), url.trim().replace(/\/+$/, ''));
    });
  }
  for (const url of REFUSED) {
    it(`refuses ${url}`, () => {
      assert.notEqual(defaults.serverUrlProblem(url), '');
      assert.equal(defaults.checkSetting('serverUrl', url), undefined);
    });
  }

  it('refuses an http:// policy URL to another host, keeps the default and says why', async () => {
    areas.local = { serverUrl: 'http://localhost:9000' };
    areas.managed = { serverUrl: 'http://phiguard.example.org:8765', organisationName: 'Northshire' };
    const { settings, locked, refused } = await reader.readSettings();
    assert.equal(settings.serverUrl, 'http://localhost:9000', 'the less authoritative value stays in force');
    assert.equal(locked.serverUrl, undefined);
    assert.equal(refused.serverUrl.source, 'managed');
    assert.equal(refused.serverUrl.value, 'http://phiguard.example.org:8765');
    assert.match(refused.serverUrl.reason, /https:\/\//);
  });

  it('refuses a stored http:// URL to another host (saved by an older version) and says why', async () => {
    areas.local = { serverUrl: 'http://192.168.1.20:8765' };
    const { settings, refused } = await reader.readSettings();
    assert.equal(settings.serverUrl, 'http://127.0.0.1:8765');
    assert.equal(refused.serverUrl.source, 'user');
  });

  it('does not save an http:// URL to another host, with the reason', async () => {
    const result = await reader.saveUserSettings({ serverUrl: 'http://192.168.1.20:8765' });
    assert.deepEqual(result.rejected, ['serverUrl']);
    assert.match(result.reasons.serverUrl, /unencrypted/);
    assert.deepEqual(areas.local, {});
    assert.deepEqual((await reader.saveUserSettings({ serverUrl: 'https://192.168.1.20:8443' })).saved, ['serverUrl']);
  });
});

describe('saveUserSettings', () => {
  it('stores checked values and refuses locked keys', async () => {
    areas.managed = { serverUrl: 'https://phiguard.example.org' };
    const result = await reader.saveUserSettings({ serverUrl: 'http://localhost:1', minimumSeverity: 'medium', sites: ['nope'], allowList: [' Whitby ', 'whitby'] });
    assert.deepEqual(result.saved.sort(), ['allowList', 'minimumSeverity']);
    assert.deepEqual(result.rejected.sort(), ['serverUrl', 'sites']);
    assert.equal(areas.local.minimumSeverity, 'medium');
    assert.match(areas.local.allowListSalt, /^[0-9a-f]{32}$/, 'a random salt, made on first use');
    assert.deepEqual(areas.local.allowList, [allowList.hashAllowTerm('whitby', areas.local.allowListSalt)], 'one salted hash for " Whitby " and "whitby"');
  });
});

describe('allow-list: salted hashes, never the words', () => {
  it('stores a hash per word, salted per profile; reading matches the same word in any case or spacing', async () => {
    await reader.saveUserSettings({ allowList: ['Sandra Jones', 'Whitby'] });
    const stored = structuredClone(areas.local);
    assert.ok(!JSON.stringify(stored).toLowerCase().includes('sandra') && !JSON.stringify(stored).toLowerCase().includes('whitby'), JSON.stringify(stored));
    assert.ok(stored.allowList.every(allowList.isAllowHash));
    const { settings } = await reader.readSettings();
    assert.equal(settings.allowListSalt, stored.allowListSalt);
    assert.ok(settings.allowList.includes(allowList.hashAllowTerm('  sandra   JONES ', settings.allowListSalt)));
    assert.ok(!settings.allowList.includes(allowList.hashAllowTerm('Sandra', settings.allowListSalt)));
    assert.notEqual(allowList.hashAllowTerm('whitby', settings.allowListSalt), allowList.hashAllowTerm('whitby', 'f'.repeat(32)), 'another profile, another entry');
  });

  it('hashes plain words an older version stored, in place', async () => {
    areas.local = { allowList: ['whitby', 'Sandra'] };
    const before = await reader.readSettings();
    assert.ok(before.settings.allowList.every(allowList.isAllowHash), 'plain words already count as hashes when read');
    assert.equal(await allowList.migrateAllowList(), 2);
    assert.ok(!JSON.stringify(areas.local).toLowerCase().includes('whitby'));
    const { settings } = await reader.readSettings();
    assert.ok(settings.allowList.includes(allowList.hashAllowTerm('Whitby', settings.allowListSalt)));
    assert.equal(await allowList.migrateAllowList(), 0, 'nothing left to hash');
  });

  it('sha256Hex agrees with node:crypto', async () => {
    const { sha256Hex } = await import('../../../extension/src/settings/sha256.js');
    const { createHash } = await import('node:crypto');
    for (const text of ['', 'abc', 'whitby', 'é😀'.repeat(40), 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(1000)]) {
      assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'), `${text.length} characters`);
    }
  });
});

describe('publicSettings', () => {
  it('keeps the API token from content scripts', async () => {
    areas.managed = { apiToken: 'secret' };
    const view = reader.publicSettings(await reader.readSettings());
    assert.equal('apiToken' in view.settings, false);
    assert.equal(view.settings.hasApiToken, true);
  });
});

describe('managed_schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../extension/managed_schema.json', import.meta.url), 'utf8'));

  it('declares exactly the managed keys the reader knows, each with a title and description', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...defaults.MANAGED_KEYS].sort());
    for (const [key, property] of Object.entries(schema.properties)) {
      assert.ok(property.title && property.description, `${key} has a title and description`);
    }
  });

  it("gives each key the type of its default", () => {
    for (const [key, property] of Object.entries(schema.properties)) {
      const value = defaults.DEFAULT_SETTINGS[key];
      const type = Array.isArray(value) ? 'array' : typeof value;
      assert.equal(property.type, type, key);
      if (property.enum) for (const option of property.enum) assert.notEqual(defaults.checkSetting(key, option), undefined, `${key}=${option}`);
      if (property.items?.enum) assert.deepEqual(property.items.enum, [...defaults.SITE_IDS]);
    }
  });
});
