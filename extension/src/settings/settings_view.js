// Shared by the popup and the options page: how server status and locked settings read.

/** @returns {{state: 'online'|'offline'|'error'|'unknown', text: string}} */
export function describeStatus(status) {
  if (!status) return { state: 'error', text: 'PHI Guard’s background script is not answering.' };
  // The server's version and model are for the "About" disclosure (describeAbout), not the first
  // line a clinician reads.
  if (status.reachable === true) return { state: 'online', text: `Server online at ${status.serverUrl}.` };
  if (status.mode === 'error') return { state: 'error', text: `Server error: ${status.error}` };
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
