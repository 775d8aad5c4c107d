// Starts the real PHI Guard server (python3 -m phiguard serve) on a free port and waits for
// /healthz. PHIGUARD_PYTHON picks the interpreter.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 90000; // spaCy takes a while on a slow machine

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealthy(url, timeoutMs, exited = () => null) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`PHI Guard server exited early (${exit})`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return response.json();
      lastError = new Error(`healthz answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`PHI Guard server not healthy after ${timeoutMs / 1000} s: ${lastError?.message}`);
}

/**
 * @param {{port?: number}} options  reuse a port to restart the server at the same address
 * @returns {Promise<{url: string, port: number, health: object, stop: () => Promise<void>, output: () => string}>}
 */
export async function startPhiguardServer({ port } = {}) {
  port ??= await freePort();
  const python = process.env.PHIGUARD_PYTHON || 'python3';
  const child = spawn(python, ['-m', 'phiguard', 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output = (output + chunk).slice(-20000); });
  child.stderr.on('data', (chunk) => { output = (output + chunk).slice(-20000); });
  let exit = null;
  child.on('exit', (code, signal) => { exit = `code ${code}, signal ${signal}`; });
  const url = `http://127.0.0.1:${port}`;
  let health;
  try {
    health = await waitForHealthy(url, STARTUP_TIMEOUT_MS, () => exit);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n--- server output ---\n${output}`, { cause: error });
  }
  return {
    url,
    port,
    health,
    output: () => output,
    async stop() {
      if (exit) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
