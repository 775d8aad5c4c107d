// The small badge on a compose box: count and worst severity, "checking…", "server offline",
// "limited" (offline rules). It is a button: clicking it opens the findings view (Alt+Shift+P in
// the editor opens the card of the finding at the caret). Beside it, while something is flagged,
// a "Rephrase" button (data-action="rephrase") asks for anonymised rewrites in one click. It sits
// at a corner of the compose box where there is no text: in its padding, else just outside it
// (placement.js), never on the words or the site's send button.

import { element, onlyTrusted } from './phiguard_root.js';
import { placeBadge } from './placement.js';
import { STRINGS } from './ui_strings.js';

export function createBadge(layer, { onOpen, onRephrase }) {
  const dot = element('span', { className: 'dot', attrs: { 'aria-hidden': 'true' } });
  const label = element('span', { className: 'label' });
  const badge = element('button', {
    className: 'badge',
    attrs: { type: 'button', 'data-phiguard-badge': '', 'aria-haspopup': 'dialog', title: STRINGS.badge.title },
  }, [dot, label]);
  const rephrase = element('button', {
    className: 'rephrase',
    text: STRINGS.badge.rephrase,
    attrs: { type: 'button', 'data-action': 'rephrase', 'aria-label': STRINGS.badge.rephraseLabel },
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
      badge.setAttribute('aria-label', `${ariaLabel} ${STRINGS.badge.review}`);
      rephrase.hidden = !(count > 0 && (state === 'medium' || state === 'high'));
    },
    /**
     * Place the bar at a corner of the compose box clear of its text and of `avoid` (the send
     * button); hidden when the box is off screen.
     * @param {DOMRect|null} box  the compose box; null hides the bar
     */
    place(box, textRects = [], avoid = []) {
      if (!box || box.width === 0 || box.bottom < 0 || box.top > window.innerHeight) {
        bar.hidden = true;
        return;
      }
      bar.hidden = false;
      const size = { width: bar.offsetWidth || 60, height: bar.offsetHeight || 22 };
      const viewport = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
      const spot = placeBadge(size, box, textRects, avoid, viewport);
      bar.style.left = `${spot.left}px`;
      bar.style.top = `${spot.top}px`;
    },
    /** The bar's rects (badge and Rephrase), for what other boxes must not cover. */
    rects() {
      return bar.hidden ? [] : [...bar.children].filter((c) => !c.hidden).map((c) => c.getBoundingClientRect());
    },
    /** Light or dark, as the page around the editor is. */
    setTheme(theme) {
      bar.dataset.theme = theme;
    },
    get visible() {
      return !bar.hidden;
    },
    dispose() {
      bar.remove();
    },
  };
}
