// A stand-in PHI Guard server (node:http, 127.0.0.1 only) that speaks the API's shape and can be
// switched between faults, for the browser fault-tolerance tests. It flags NHS-number-shaped
// digits ("401 023 2137") as high risk, and nothing else.
//
// modes (setMode):
//   'ok'               answers correctly at once
//   'slow'             answers /v1/analyze and /v1/rewrite correctly after SLOW_MS
//   'garbage'          /v1/analyze and /v1/rewrite answer 200 with non-JSON or wrong-shaped JSON, in turn
//   'hang-then-close'  every request is accepted, then its socket is destroyed (a server killed mid-request)
//   'html-in-strings'  valid answers whose explanation, replacement and suggestion strings hold HTML

import { createServer } from 'node:http';

export const SLOW_MS = 3000;
export const HTML_PAYLOAD = '<img src=x onerror=window.__pwned=1> <b>bold</b>';
const MODES = ['ok', 'slow', 'garbage', 'hang-then-close', 'html-in-strings'];
const MAX_BODY_BYTES = 1 << 20;
const MAX_CONNECTIONS = 32;
const NHS_NUMBER = /\b\d{3} \d{3} \d{4}\b/g;

function analysis(text, mode) {
  const html = mode === 'html-in-strings';
  const findings = [...text.matchAll(NHS_NUMBER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    type: 'NHS_NUMBER',
    severity: 'high',
    score: 1,
    explanation: html ? `An NHS number ${HTML_PAYLOAD}` : 'An NHS number identifies one patient.',
    replacements: html ? [`[number ${HTML_PAYLOAD}]`] : ['[NHS number]'],
  }));
  return { risk: findings.length ? 'high' : 'none', findings, summary: findings.length ? 'Identifies a patient.' : '' };
}

function suggestions(text, mode) {
  const anonymised = text.replace(NHS_NUMBER, '[NHS number]');
  if (mode === 'html-in-strings') return { suggestions: [{ text: `${anonymised} ${HTML_PAYLOAD}`, strategy: 'generalise', explanation: `Rephrased ${HTML_PAYLOAD}` }] };
  return { suggestions: [{ text: anonymised, strategy: 'generalise', explanation: 'Without the number.' }] };
}

const GARBAGE = [
  { type: 'text/html', body: '<html><body>502 Bad Gateway (not JSON)</body></html>' },
  { type: 'application/json', body: JSON.stringify({ risk: 'catastrophic', findings: 'lots', suggestions: 42 }) },
];

/**
 * @returns {Promise<{url: string, port: number, setMode: (mode: string) => void, mode: string,
 *   requests: {path: string, text: string|null, mode: string}[], stop: () => Promise<void>}>}
 */
export async function startFaultServer({ mode = 'ok' } = {}) {
  let current = mode;
  let garbageTurn = 0;
  const requests = [];
  const timers = new Set();
  const sockets = new Set();

  const server = createServer((req, res) => {
    const seen = current; // a request is served in the mode it arrived in
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const path = new URL(req.url, 'http://127.0.0.1').pathname;
      let body = null;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      } catch {
        body = null;
      }
      const text = typeof body?.text === 'string' ? body.text : null;
      requests.push({ path, text, mode: seen });
      if (requests.length > 500) requests.shift();
      if (seen === 'hang-then-close') {
        // Accept, say nothing, then drop the connection: the server died mid-request.
        const timer = setTimeout(() => { timers.delete(timer); req.socket.destroy(); }, 200);
        timers.add(timer);
        return;
      }
      const send = (status, payload, type = 'application/json') => {
        if (res.destroyed) return;
        res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
        res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      const isWork = path === '/v1/analyze' || path === '/v1/rewrite';
      const answer = () => {
        if (req.method === 'OPTIONS') {
          // CORS preflight (Firefox without host permission): admit any extension origin.
          res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Authorization' });
          return res.end();
        }
        if (path === '/healthz') return send(200, { status: 'ok', version: 'fault-server', model: 'none' });
        if (path === '/v1/policy') return send(200, { rule_packs: [{ name: 'fault-server', version: '0.0.0', description: 'Test double.' }] });
        if (text === null || !isWork) return send(404, { error: { code: 'not_found', message: 'Not found' } });
        if (seen === 'garbage') {
          const garbage = GARBAGE[garbageTurn++ % GARBAGE.length];
          return send(200, garbage.body, garbage.type);
        }
        return send(200, path === '/v1/analyze' ? analysis(text, seen) : suggestions(text, seen));
      };
      if (seen === 'slow' && isWork && req.method === 'POST') {
        const timer = setTimeout(() => { timers.delete(timer); answer(); }, SLOW_MS);
        timers.add(timer);
        res.on('close', () => { clearTimeout(timer); timers.delete(timer); }); // the client gave up
        return;
      }
      answer();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = 10000;
  server.requestTimeout = 15000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get mode() {
      return current;
    },
    setMode(next) {
      if (!MODES.includes(next)) throw new Error(`unknown fault mode ${next}`);
      current = next;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
