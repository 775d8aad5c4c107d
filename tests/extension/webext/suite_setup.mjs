// What both browser suites need: the built extension, the fixtures, the HTTPS fixture server and
// the real PHI Guard server.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from '../../../extension/build.mjs';
import { buildFixtures } from '../fixtures/build_fixtures.mjs';
import { startFixtureServer } from '../helpers/fixture_server.mjs';
import { startPhiguardServer } from '../helpers/python_server.mjs';

export const EXTENSION_DIST = fileURLToPath(new URL('../../../extension/dist/', import.meta.url));

/** The extension as `node extension/build.mjs` left it (built now if it is missing). */
export async function builtExtension() {
  if (!existsSync(`${EXTENSION_DIST}chrome/manifest.json`) || !existsSync(`${EXTENSION_DIST}firefox/manifest.json`)) await build();
  return { chrome: `${EXTENSION_DIST}chrome`, firefox: `${EXTENSION_DIST}firefox` };
}

export async function startServers() {
  const fixturesDir = await buildFixtures();
  const fixtures = await startFixtureServer(fixturesDir);
  let server;
  try {
    server = await startPhiguardServer();
  } catch (error) {
    await fixtures.stop();
    throw error;
  }
  return { fixtures, server };
}

export function report(browser, metrics) {
  const lines = [`PHI Guard ${browser} measurements:`];
  for (const [editor, m] of Object.entries(metrics)) {
    const input = m.inputEvent ?? {};
    lines.push(`  ${editor}: content script per input event ${input.meanMs} ms mean, ${input.p95Ms} ms p95, ${input.maxMs} ms max over ${input.count} events; time to underline after typing ${m.timeToUnderlineMs} ms (pause ${m.pauseMs}, request ${m.requestMs}, drawing ${m.drawMs}; ${m.requests} requests while typing)`);
  }
  console.log(lines.join('\n'));
}
