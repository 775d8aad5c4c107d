// The native host end to end (issue 13), shared by the Chromium and Firefox suites: a browser with a
// temporary HOME in which the real `phiguard install-native-host` registered org.phiguard.engine, no
// HTTP server and no managed serverUrl. Every fixture site gets underlines from the native host
// (data-phiguard-mode="native"), rephrasing works, the host listens on no TCP port; killed while in
// use, the boxes fall back to limited mode, and the host is started again by itself.

import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { EDITOR_FIXTURES, PHI_POST } from './editor_fixtures.mjs';
import * as scenario from './scenarios.mjs';
import { registerNativeHost, nativeHostPids, listeningTcpSockets, ssListeningLines } from '../helpers/native_host.mjs';

// A cold start loads spaCy in the host: seconds, more when the machine is busy.
const COLD_START_MS = 120000;

async function waitForMode(page, fixture, mode, message, timeout = COLD_START_MS) {
  await page.waitFor(({ selector, want }) => {
    const editor = document.querySelector(selector);
    return editor?.getAttribute('data-phiguard-mode') === want && !['checking', 'none'].includes(editor.getAttribute('data-phiguard-risk'));
  }, { selector: fixture.editor, want: mode }, { message, timeout });
}

async function waitForPid(home, except = []) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const pids = nativeHostPids(home).filter((pid) => !except.includes(pid));
    if (pids.length) return pids;
    if (Date.now() > deadline) throw new Error(`no phiguard native-host process with HOME=${home}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * @param {{browser: 'chromium'|'firefox', launch: (home: string, policy?: object) => Promise<{newPage: () => Promise<object>, popupUrl: string, close: () => Promise<void>}>,
 *          beforeLaunch?: () => Promise<void>, metrics: object}} options
 *   launch: start the browser with this HOME and these managed settings (none: no serverUrl);
 *   beforeLaunch: e.g. stop the suite's HTTP server
 */
export function describeNativeHost({ browser, launch, beforeLaunch = async () => {}, metrics = {} }) {
  describe('the native host (install-native-host, no HTTP server, no serverUrl)', () => {
    let registration;
    let running;
    let cold = true;

    before(async () => {
      await beforeLaunch();
      registration = registerNativeHost(browser);
      running = await launch(registration.home);
    });
    after(async () => {
      await running?.close();
      registration?.cleanup();
      if (metrics.coldStartToUnderlineMs) console.log(`PHI Guard ${browser} native host: first keystroke after a cold start (no host running) to underlines ${metrics.coldStartToUnderlineMs} ms`);
    });

    async function typePost(page, fixture) {
      await scenario.openFixture(page, fixture);
      const typedAt = Date.now();
      await page.type(PHI_POST);
      await waitForMode(page, fixture, 'native', 'checked by the native host');
      if (cold) metrics.coldStartToUnderlineMs = Date.now() - typedAt; // from the first keystroke; no host running before it
      cold = false;
      const state = await scenario.hooks(page, fixture);
      assert.equal(state.risk, 'high');
      assert.ok(state.findings >= 3, `at least 3 findings, got ${state.findings}`);
      assert.equal(await scenario.fixtureText(page), PHI_POST, 'what was typed is intact');
      const view = await scenario.ui(page);
      assert.equal(view.limited, false);
      assert.ok(view.actions.includes('rephrase'));
    }

    it('install-native-host registered the host in the temporary HOME, and none runs yet', () => {
      assert.match(registration.output, /org\.phiguard\.engine/);
      assert.deepEqual(nativeHostPids(registration.home), [], 'the browser starts the host only when a post needs it');
    });

    for (const fixture of EDITOR_FIXTURES) {
      it(`${fixture.name}: underlines from the native host${fixture.id === 'lexical' ? ', and rephrases' : ''}`, async () => {
        const page = await running.newPage();
        try {
          await typePost(page, fixture);
          if (fixture.id === 'lexical') await scenario.rephrasesPost(page, fixture);
        } finally {
          await page.close();
        }
      });
    }

    it('opens no listening TCP socket: one host process, talking over its pipes only', () => {
      const pids = nativeHostPids(registration.home);
      assert.equal(pids.length, 1, `one host for the whole browser: ${pids}`);
      const { listening } = listeningTcpSockets(pids[0]);
      assert.deepEqual(listening, [], 'no LISTEN socket among the host\'s file descriptors');
      const ss = ssListeningLines(pids[0]);
      if (ss) assert.deepEqual(ss, [], 'ss -ltnp agrees');
    });

    it('the popup names the native host', async () => {
      const page = await running.newPage();
      try {
        await page.goto(running.popupUrl);
        const text = await page.waitFor(() => {
          const status = document.getElementById('status');
          return status.dataset.state === 'online' && document.getElementById('status-text').textContent;
        }, undefined, { message: 'popup: native host online' });
        assert.match(text, /native host, no port open/);
      } finally {
        await page.close();
      }
    });

    it('the host killed while in use: limited mode, then the host is started again by itself', async () => {
      const fixture = EDITOR_FIXTURES.find((f) => f.id === 'draft');
      const page = await running.newPage();
      try {
        await typePost(page, fixture);
        const [pid] = nativeHostPids(registration.home);
        process.kill(pid, 'SIGKILL');
        await page.click(fixture.editor);
        await page.type(' Any ideas?');
        await waitForMode(page, fixture, 'offline', 'limited mode after the host died', 30000);
        assert.equal((await scenario.ui(page)).limited, true, 'the badge says limited mode');
        assert.equal(await scenario.fixtureText(page), `${PHI_POST} Any ideas?`, 'nothing typed was lost');
        await waitForMode(page, fixture, 'native', 'back to the native host without typing');
        const [restarted] = await waitForPid(registration.home, [pid]);
        assert.notEqual(restarted, pid, 'a new host process');
        assert.equal((await scenario.hooks(page, fixture)).risk, 'high');
      } finally {
        await page.close();
      }
    });

    it('transport=http from policy: the native host is never started', async () => {
      await running.close();
      running = await launch(registration.home, { transport: 'http' });
      const fixture = EDITOR_FIXTURES.find((f) => f.id === 'quill');
      const page = await running.newPage();
      try {
        await scenario.openFixture(page, fixture);
        await page.type(PHI_POST);
        // Nothing serves the default address in these tests (unless something else on the machine does).
        await page.waitFor((selector) => ['http', 'offline'].includes(document.querySelector(selector)?.getAttribute('data-phiguard-mode')) && document.querySelector(selector).getAttribute('data-phiguard-risk') === 'high', fixture.editor, { message: 'checked over HTTP or in limited mode' });
        assert.deepEqual(nativeHostPids(registration.home), [], 'no native host process');
      } finally {
        await page.close();
      }
    });

    it('transport=native from policy beats a serverUrl', async () => {
      await running.close();
      running = await launch(registration.home, { transport: 'native', serverUrl: 'https://phiguard.invalid' });
      const fixture = EDITOR_FIXTURES.find((f) => f.id === 'textarea');
      const page = await running.newPage();
      try {
        await scenario.openFixture(page, fixture);
        await page.type(PHI_POST);
        await waitForMode(page, fixture, 'native', 'checked by the native host despite the serverUrl');
      } finally {
        await page.close();
      }
    });
  });
}
