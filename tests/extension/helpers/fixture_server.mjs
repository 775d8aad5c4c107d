// Serves the fixture pages over HTTPS for any host name (the tests map facebook.com, linkedin.com,
// x.com and twitter.com to it), plus an HTTP CONNECT proxy that tunnels those hosts' port 443 to
// it (Firefox's way to reach it under the real host names).

import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { makeCertificate, SITE_HOSTS } from './certificate.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
// Like the real sites: scripts only from the site itself, inline styles allowed.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function isSiteHost(host) {
  return SITE_HOSTS.some((site) => host === site || host.endsWith(`.${site}`));
}

/**
 * @param {string} root  the built fixtures (fixtures/dist)
 * @returns {Promise<{port: number, proxyPort: number, stop: () => Promise<void>}>}
 */
export async function startFixtureServer(root) {
  const { key, cert } = makeCertificate();
  const https = createHttpsServer({ key, cert }, async (request, response) => {
    const url = new URL(request.url, 'https://fixture.invalid');
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.replace(/^\/fixture\//, '/'));
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  const port = await listen(https);

  const sockets = new Set();
  const proxy = createHttpServer((request, response) => {
    response.writeHead(405);
    response.end();
  });
  proxy.on('connect', (request, clientSocket, head) => {
    const [host, targetPort] = request.url.split(':');
    if (!isSiteHost(host) || targetPort !== '443') {
      clientSocket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    for (const socket of [upstream, clientSocket]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        upstream.destroy();
        clientSocket.destroy();
      });
    }
  });
  const proxyPort = await listen(proxy);

  return {
    port,
    proxyPort,
    async stop() {
      for (const socket of sockets) socket.destroy();
      https.closeAllConnections?.();
      await Promise.all([new Promise((r) => https.close(r)), new Promise((r) => proxy.close(r))]);
    },
  };
}
