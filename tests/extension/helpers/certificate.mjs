// A self-signed certificate for the sites' real host names, made with openssl at test time.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SITE_HOSTS = ['facebook.com', 'linkedin.com', 'x.com', 'twitter.com'];

export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'phiguard-cert-'));
  const names = SITE_HOSTS.flatMap((host) => [`DNS:${host}`, `DNS:*.${host}`]).join(',');
  const config = join(dir, 'openssl.cnf');
  writeFileSync(config, [
    '[req]', 'distinguished_name = dn', 'x509_extensions = ext', 'prompt = no',
    '[dn]', 'CN = phiguard-test-sites',
    '[ext]', `subjectAltName = ${names}`, 'basicConstraints = critical,CA:FALSE', 'keyUsage = digitalSignature,keyEncipherment', 'extendedKeyUsage = serverAuth',
  ].join('\n'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-sha256',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-config', config,
  ], { stdio: 'pipe' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), dir };
}
