// Shared by the popup and the options page: how server status and locked settings read.

export const INSTALL_NATIVE_HOST_HINT = 'To check posts with the full engine and no server to keep running, run `phiguard install-native-host`.';

/**
 * What the status line says: which transport checks posts (status.transport, from the background's
 * getStatus) and whether it answers; how to install the native host when it was not found.
 * @returns {{state: 'online'|'starting'|'offline'|'error'|'unknown', text: string}}
 */
export function describeStatus(status) {
  if (!status) return { state: 'error', text: 'PHI Guard’s background script is not answering.' };
  const described = describeTransport(status);
  const hint = status.nativeHost?.found === false && status.transport !== 'server' ? ` ${INSTALL_NATIVE_HOST_HINT}` : '';
  return { state: described.state, text: `${described.text}${hint}` };
}

function describeTransport(status) {
  // The server's version and model are for the "About" disclosure (describeAbout), not the first
  // line a clinician reads.
  const native = status.transport === 'native' || status.transport === 'starting' || (status.transport === 'limited' && status.nativeHost?.found === true);
  if (status.mode === 'error') return { state: 'error', text: `Server error: ${status.error}` };
  if (status.transport === 'starting') {
    return { state: 'starting', text: 'PHI Guard’s engine is starting… (the native host loads its language model, a few seconds).' };
  }
  if (native) {
    if (status.reachable === true) return { state: 'online', text: `PHI Guard’s engine is running on this computer (native host, no port open).` };
    if (status.reachable === false) {
      const why = status.error ? ` ${status.error.replace(/\.?$/, '.')}` : '';
      return {
        state: 'offline',
        text: status.mode === 'offline'
          ? `PHI Guard’s engine (native host) is not answering.${why} Limited mode: posts are checked with the built-in rules only.`
          : `PHI Guard’s engine (native host) is not answering.${why} Posts are not checked.`,
      };
    }
    return { state: 'unknown', text: 'PHI Guard’s engine (native host) starts when you write a post.' };
  }
  if (status.reachable === true) return { state: 'online', text: `Server online at ${status.serverUrl}.` };
  if (status.reachable === false) {
    return {
      state: 'offline',
      text: status.mode === 'offline'
        ? `Server offline at ${status.serverUrl}. Limited mode: posts are checked with the built-in rules only.`
        : `Server offline at ${status.serverUrl}. Posts are not checked.`,
    };
  }
  return { state: 'unknown', text: `Server at ${status.serverUrl} not contacted yet.` };
}

/** "Rule packs: phiguard-core 1.0.0, …" from the server's /v1/policy, or '' when unknown. */
export function describeRulePacks(status) {
  if (status?.reachable !== true) return '';
  if (Array.isArray(status.rulePacks)) {
    const packs = status.rulePacks.map((p) => (p.version ? `${p.name} ${p.version}` : p.name));
    return `Rule packs: ${packs.length ? packs.join(', ') : 'none'}`;
  }
  return status.policyError ? `Rule packs: not available (${status.policyError})` : '';
}

/**
 * The "About" lines: this extension's version, and the server's version and spaCy model when it
 * has answered. @returns {string[]}
 */
export function describeAbout(status, extensionVersion) {
  const lines = [`PHI Guard extension ${extensionVersion || '(unknown version)'}`];
  if (status?.reachable === true && status.version) lines.push(`Server ${status.version}`);
  if (status?.reachable === true && status.model) lines.push(`Language model ${status.model}`);
  return lines;
}

/** Fill every [data-locked-note="key"] with "Set by <organisation>" when that key is locked. */
export function showLocks(root, locked, organisationName) {
  for (const note of root.querySelectorAll('[data-locked-note]')) {
    const isLocked = !!locked[note.dataset.lockedNote];
    note.hidden = !isLocked;
    note.textContent = isLocked ? `Set by ${organisationName || 'your organisation'}` : '';
  }
}
