// How the popup reads this tab's status: the content script's answer ({kind: 'getTabStatus'},
// content/tab_status.js) and the settings in force give one of five states.

const SITE_NAMES = Object.freeze({ facebook: 'Facebook', linkedin: 'LinkedIn', x: 'X' });
const RISK_NAMES = Object.freeze({ low: 'Low risk', medium: 'Medium risk', high: 'High risk' });

function describePost(post) {
  if (!post) return 'No post being written here yet.';
  const limited = post.mode === 'offline' ? ' (limited mode: built-in rules only)' : '';
  if (post.risk === 'checking') return 'Checking this post…';
  if (post.risk === 'offline') return 'This post is not checked: the server is offline.';
  if (post.risk === 'too-long') return 'This post is too long to check.';
  if (post.risk === 'none' || !RISK_NAMES[post.risk]) return `This post: nothing flagged${limited}.`;
  const count = `${post.findings} ${post.findings === 1 ? 'finding' : 'findings'}`;
  return `This post: ${RISK_NAMES[post.risk]}, ${count}${limited}.`;
}

/**
 * @param {{tab: null | {site: string|null, host: string, watching: boolean, post: null|{risk, findings, mode}},
 *          settings: {sites: string[]}, locked: Object<string, boolean>, organisationName?: string}} input
 *   tab: the content script's answer, or null when no PHI Guard content script runs in the tab
 * @returns {{state: 'watching'|'starting'|'paused'|'not-watching', title: string, detail: string,
 *            pause: null | {checked: boolean, disabled: boolean, note: string}}}
 *   pause: the "Pause on this site" switch, or null where PHI Guard never runs
 */
export function describeTab({ tab, settings, locked, organisationName }) {
  if (!tab?.site) {
    return {
      state: 'not-watching',
      title: 'PHI Guard is not watching this page',
      detail: 'It checks posts on Facebook, LinkedIn and X. On one of those, reload the page if this stays.',
      pause: null,
    };
  }
  const paused = !settings.sites.includes(tab.site);
  const pause = {
    checked: paused,
    disabled: !!locked.sites,
    note: locked.sites ? `Set by ${organisationName || 'your organisation'}` : '',
  };
  const where = `${SITE_NAMES[tab.site] ?? tab.site} (${tab.host})`;
  if (paused) {
    return { state: 'paused', title: `Paused on ${where}`, detail: 'Posts on this site are not checked and nothing is underlined.', pause };
  }
  if (!tab.watching) return { state: 'starting', title: `Starting on ${where}…`, detail: '', pause };
  return { state: 'watching', title: `Watching ${where}`, detail: describePost(tab.post), pause };
}

/** `sites` with `site` taken out (pause) or put back (resume), in the settings' order. */
export function sitesWith(sites, site, on) {
  const rest = sites.filter((s) => s !== site);
  return on ? [...rest, site] : rest;
}
