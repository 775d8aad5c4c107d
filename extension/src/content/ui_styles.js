// Styles of everything inside <phiguard-root>'s shadow root. Each box (badge, findings view,
// card, dialog) carries data-theme="light|dark" from its editor's computed background, not the
// OS's prefers-color-scheme: a light page gets light cards even on a dark desktop. Text contrast
// is at least 4.5:1 in both themes (checked in the browser tests). A card's left edge and swatch
// take its category's colour (--cat-<group>, set per editor by page_ui.js: the underline's colour),
// always beside the category's name, so colour is never the only cue.

import { PANEL_BACKGROUNDS } from './page_colours.js';
import { UNDERLINE_GROUPS } from './finding_labels.js';

// One rule per category group: the card's left edge and the swatch in its colour.
const CATEGORY_RULES = UNDERLINE_GROUPS.map((group) => `.card[data-category="${group}"] { border-left-color: var(--cat-${group}, var(--muted)); }
[data-category="${group}"] > .swatch, .swatch[data-category="${group}"] { background: var(--cat-${group}, var(--muted)); }`).join('\n');

export const UI_STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: fixed; inset: 0 auto auto 0; width: 0; height: 0; z-index: 2147483647;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
.layer {
  --fg: #1f2328; --muted: #57606a; --bg: ${PANEL_BACKGROUNDS.light}; --border: #d0d7de; --shadow: 0 6px 24px rgba(0,0,0,.18);
  --low: #0b62c4; --low-bg: #ddeeff; --medium: #9a5b00; --medium-bg: #fff1d6; --high: #c4231c; --high-bg: #ffe2df;
  --ok: #1a7f37; --accent: #0b62c4; --accent-fg: #ffffff; --focus: #0b62c4;
}
[data-theme="dark"] {
  --fg: #e6edf3; --muted: #9da7b3; --bg: ${PANEL_BACKGROUNDS.dark}; --border: #444c56; --shadow: 0 6px 24px rgba(0,0,0,.6);
  --low: #6cb6ff; --low-bg: #0f2a47; --medium: #e3b341; --medium-bg: #3b2a05; --high: #ff7b72; --high-bg: #4a1614;
  --ok: #56d364; --accent: #4493f8; --accent-fg: #0d1117; --focus: #6cb6ff;
  color: var(--fg);
}
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible, [tabindex]:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.badge-bar { position: fixed; display: inline-flex; gap: 4px; align-items: center; pointer-events: auto; }
.badge-bar[hidden], .badge-bar [hidden] { display: none; }
.rephrase { height: 22px; padding: 0 8px; border-radius: 11px; border: 1px solid var(--accent); background: var(--accent);
  color: var(--accent-fg); font-size: 12px; font-weight: 600; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.badge { display: inline-flex; align-items: center; gap: 4px; height: 22px; padding: 0 8px;
  border-radius: 11px; border: 1px solid var(--border); background: var(--bg); color: var(--fg);
  font-size: 12px; font-weight: 600; box-shadow: 0 1px 4px rgba(0,0,0,.15); pointer-events: auto; white-space: nowrap; }
.badge .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
.badge[data-state="none"] .dot { background: var(--ok); }
.badge[data-state="low"] .dot { background: var(--low); }
.badge[data-state="medium"] .dot { background: var(--medium); }
.badge[data-state="high"] .dot { background: var(--high); }
.badge[data-state="checking"] .dot { animation: pulse 1s infinite alternate; }
.badge[data-state="too-long"] .dot { background: var(--medium); }
.badge[data-state="high"] { border-color: var(--high); }
.badge[data-limited="true"]::after { content: "limited"; font-weight: 400; color: var(--muted); }
@keyframes pulse { from { opacity: .3; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .badge[data-state="checking"] .dot { animation: none; } }

.underline { position: fixed; height: 0; border-bottom: 2px solid; pointer-events: none; }
.underline.low { border-color: var(--muted); border-bottom-width: 1px; border-bottom-style: dotted; }
.underline.medium { border-color: var(--medium); }
.underline.high { border-color: var(--high); }
.span-marker { position: fixed; border: 2px solid var(--focus); border-radius: 3px; pointer-events: none; }
.mirror { position: fixed; visibility: hidden; overflow: hidden; white-space: pre-wrap; overflow-wrap: break-word; pointer-events: none; }

.panel, .card.floating, .dialog { position: fixed; background: var(--bg); color: var(--fg); border: 1px solid var(--border);
  border-radius: 10px; box-shadow: var(--shadow); pointer-events: auto; }
.panel { width: 360px; max-width: calc(100vw - 16px); max-height: min(70vh, 560px); overflow: auto; padding: 12px; overscroll-behavior: contain; }
.panel header { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
.panel h2 { font-size: 14px; margin: 0; flex: 1; }
.panel .status { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
.panel .summary { margin: 0 0 10px; }
.close { border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 2px 6px; border-radius: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.panel > .actions, .panel > .notice, .panel > ul.suggestions { margin-bottom: 10px; }
.primary, .secondary, .fix { border-radius: 6px; padding: 4px 10px; border: 1px solid var(--border); background: var(--bg); }
.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
.fix { border-color: var(--accent); color: var(--accent); }
.secondary[data-action="dismiss"] { color: var(--muted); }
ul.cards, ul.suggestions { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.card { border: 1px solid var(--border); border-left: 4px solid var(--muted); border-radius: 8px; padding: 8px 10px; background: var(--bg); }
${CATEGORY_RULES}
.card.floating { width: 320px; max-width: calc(100vw - 16px); border-left-width: 4px; }
.card h3 { font-size: 13px; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 2px 6px; align-items: baseline; }
.category { display: inline-flex; align-items: center; gap: 4px; font-size: 11px; font-weight: 400; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; flex: none; background: var(--muted); }
.group-categories { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 0 0 6px; }
.chip { font-size: 11px; font-weight: 600; border-radius: 4px; padding: 0 5px; }
.chip.low { background: var(--low-bg); color: var(--low); }
.chip.medium { background: var(--medium-bg); color: var(--medium); }
.chip.high { background: var(--high-bg); color: var(--high); }
.card .excerpt { font-weight: 600; overflow-wrap: anywhere; }
.card p { margin: 4px 0; }
.card .required { font-size: 12px; font-weight: 600; }
.card.topic { border-style: dashed; border-left-style: solid; }
.card.topic .chip { background: transparent; color: var(--muted); font-weight: 400; }
.card .topic-note { color: var(--muted); font-size: 12px; }
.card .position { margin-left: auto; color: var(--muted); font-size: 11px; font-weight: 400; }
.slot { border: 1px dashed var(--border); border-radius: 8px; color: var(--muted); font-size: 12px; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.steady-spacer { flex: none; }
.group { margin: 0 0 10px; }
.group-title { font-size: 12px; font-weight: 600; color: var(--muted); margin: 0 0 6px; overflow-wrap: anywhere; }
.keys { color: var(--muted); font-size: 11px; margin: 8px 0 0; }
.link { border: 0; background: transparent; color: var(--accent); text-decoration: underline; padding: 0; margin: 0 0 8px; }
.suggestion { border: 1px solid var(--border); border-radius: 8px; padding: 8px 10px; }
.suggestion p { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.suggestion .why { color: var(--muted); font-size: 12px; }
.notice { color: var(--muted); font-size: 12px; }
.error { color: var(--high); }

/* Stacking: underlines and the mirror are redrawn (appended) while a box is open, so order by z-index, not by DOM order. */
.underline, .span-marker { z-index: 0; }
.badge-bar { z-index: 1; }
.panel, .card.floating { z-index: 2; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); pointer-events: auto; z-index: 3; }
.dialog { z-index: 4; }
.dialog { width: 420px; max-width: calc(100vw - 24px); left: 50%; top: 20vh; transform: translateX(-50%); padding: 16px 18px; }
.dialog h2 { margin: 0 0 8px; font-size: 16px; }
.dialog p { margin: 0 0 8px; }
.dialog ul { margin: 0 0 8px; padding-left: 18px; }
`;
