// The small badge on a compose box: count and worst severity, "checking…", "server offline",
// "limited" (offline rules). It is a button: clicking it (or Alt+Shift+P in the editor) opens the
// findings list. Beside it, while something is flagged, a "Rephrase" button
// (data-action="rephrase") asks for anonymised rewrites in one click.

import { element, onlyTrusted } from './phiguard_root.js';

const SHORTCUT_HINT = 'Alt+Shift+P';

export function createBadge(layer, { onOpen, onRephrase }) {
  const dot = element('span', { className: 'dot', attrs: { 'aria-hidden': 'true' } });
  const label = element('span', { className: 'label' });
  const badge = element('button', {
    className: 'badge',
    attrs: { type: 'button', 'data-phiguard-badge': '', 'aria-haspopup': 'dialog', title: `PHI Guard (${SHORTCUT_HINT})` },
  }, [dot, label]);
  const rephrase = element('button', {
    className: 'rephrase',
    text: 'Rephrase',
    attrs: { type: 'button', 'data-action': 'rephrase', 'aria-label': 'PHI Guard: rephrase this post without identifying details' },
  });
  rephrase.hidden = true;
  const bar = element('div', { className: 'badge-bar' }, [badge, rephrase]);
  bar.hidden = true;
  bar.addEventListener('mousedown', (e) => e.preventDefault()); // keep the caret in the editor
  // Only the user's own clicks (see onlyTrusted): a site's script cannot open or rephrase.
  badge.addEventListener('click', onlyTrusted(() => onOpen({ focus: true })));
  rephrase.addEventListener('click', (event) => {
    event.stopPropagation();
    if (event.isTrusted === true) onRephrase();
  });
  layer.append(bar);

  return {
    element: badge,
    /**
     * @param {{state: string, count: number, limited: boolean, text: string, ariaLabel: string}} view
     */
    update({ state, count, limited, text, ariaLabel }) {
      badge.dataset.state = state;
      badge.dataset.limited = String(limited);
      badge.dataset.count = String(count);
      label.textContent = text;
      badge.setAttribute('aria-label', `${ariaLabel} Press ${SHORTCUT_HINT} in the editor to review.`);
      rephrase.hidden = !(count > 0 && (state === 'medium' || state === 'high'));
    },
    /** Place the badge inside the bottom-right corner of the editor's box. */
    place(editorRect) {
      if (!editorRect || editorRect.width === 0 || editorRect.bottom < 0 || editorRect.top > window.innerHeight) {
        bar.hidden = true;
        return;
      }
      bar.hidden = false;
      const width = bar.offsetWidth || 60;
      const height = bar.offsetHeight || 22;
      bar.style.left = `${Math.max(4, Math.min(editorRect.right - width - 4, window.innerWidth - width - 4))}px`;
      bar.style.top = `${Math.max(4, Math.min(editorRect.bottom - height - 4, window.innerHeight - height - 4))}px`;
    },
    get visible() {
      return !bar.hidden;
    },
    dispose() {
      bar.remove();
    },
  };
}
