// Match patterns as in the manifest ("https://*.facebook.com/*"), for site adapters' `matches`.

/** Does `pattern` cover `url` (a URL object)? Only scheme and host are compared. */
export function matchesPattern(pattern, url) {
  const match = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/(.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host] = match;
  if (scheme === '*' ? !['http:', 'https:'].includes(url.protocol) : `${scheme}:` !== url.protocol) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    return url.hostname === domain || url.hostname.endsWith(`.${domain}`);
  }
  return url.hostname === host;
}
