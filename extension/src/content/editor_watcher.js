// Watches one compose box: on each edit it shifts the findings it has (dropping those the edit
// touched) and repaints; its AnalysisController decides when the text is checked and which
// answers count; the pure rules of finding_filters.js decide what is shown and what must be
// fixed; the views (badge, findings view, cards) show it. It owns the box's test hooks
// (data-phiguard-risk, data-phiguard-findings, data-phiguard-mode on the editor element).

import { sendToBackground, fitsServerLimit, requestBytes, MAX_REQUEST_BYTES } from '../messages.js';
import { contentSettings } from './content_settings.js';
import { diffTexts, shiftFindings, withOneSpace, typedWordEnd, combineFixes } from './text_edits.js';
import { typeLabel } from './finding_labels.js';
import * as filters from './finding_filters.js';
import { AnalysisController } from './analysis_controller.js';
import { badgeView, panelStatus, tooLongText } from './watcher_views.js';
import { STRINGS } from './ui_strings.js';
import { normaliseAllowTerm } from '../settings/defaults.js';
import { hashAllowTerm } from '../settings/allow_list.js';
import { phiguardRoot, announce, onlyTrusted } from './phiguard_root.js';
import { createBadge } from './badge.js';
import { createHighlightPainter, createOverlayPainter, createSpanMarker, highlightsSupported, highlightsPaintUnderlines, combinePainters, usePalette } from './highlight_painter.js';
import { effectiveBackground, isDark } from './page_colours.js';
import { createTextareaMirror } from './textarea_mirror.js';
import { openPanel, panelOpenFor, closePanel, showCard, scheduleHideCard, hideCard, cardShownFor, repositionUi, forgetWatcher } from './page_ui.js';
import { offsetForPoint } from '../editors/text_leaves.js';

export { DEBOUNCE_MS } from './analysis_controller.js';
const INPUT_MARK = 'phiguard:input:start';
const INPUT_MEASURE = 'phiguard:input';
const REQUEST_MEASURE = 'phiguard:request';

const allowHashCache = new Map();
const RETIRED_KEPT = 200; // findings of earlier answers a fix button may still name

function excerpt(text, max = 48) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
let nextWatcherId = 1;
let nextFindingId = 1;

/** The guidance link for cards, when the organisation set one in policy. */
function guidanceOf(settings) {
  return settings.guidanceUrl ? { url: settings.guidanceUrl, name: settings.guidanceName ?? '' } : null;
}

export class EditorWatcher {
  /**
   * @param {{element: HTMLElement, editor: object, site: {id: string, findSendButton: Function, isSendShortcut: Function}}} options
   */
  constructor({ element, editor, site }) {
    this.id = `w${nextWatcherId++}`;
    this.element = element;
    this.editor = editor;
    this.site = site;
    this.controller = new AbortController();
    this.text = '';
    this.findings = []; // findings of the last answer, kept in step with the text
    this.result = null; // {risk, summary, mode, text, serverError}
    this.state = 'empty'; // 'empty' | 'checking' | 'result' | 'offline' | 'too-long'
    this.engineStarting = false; // the native host is loading its engine for this check
    this.analysis = new AnalysisController({
      signal: this.controller.signal,
      request: (text) => this.requestAnalysis(text),
      isCurrent: (text) => text === this.text && text === this.editor.getText(this.element),
      onAnswer: (text, answer) => this.onAnswer(text, answer),
      onRetry: () => this.analyze({ retry: true }),
    });
    this.dismissed = new Set();
    this.suggestions = null; // {forText, list, mode}
    this.rephrasing = false;
    this.notice = null; // {text, error}
    this.settleWaiters = [];
    this.bypassOnce = false;
    this.painted = []; // [{range, severity, finding}]
    this.frame = 0;
    this.lastAnnounced = '';
    this.editQueue = Promise.resolve(); // fixes and suggestions, applied one at a time (enqueueEdit)
    this.pendingEdits = 0;
  }

  start() {
    const { signal } = this.controller;
    const { layer } = phiguardRoot();
    this.badge = createBadge(layer, {
      onOpen: (options) => {
        this.savedCaret = this.saveCaret(); // Escape from the list puts the caret back here
        openPanel(this, options);
      },
      onRephrase: () => this.rephrase(),
    });
    this.marker = createSpanMarker(layer);
    this.updateColours();
    const colours = () => this.colours;
    if (this.editor.paint === 'mirror') {
      this.mirror = createTextareaMirror(this.element, layer);
      this.painter = createOverlayPainter(layer, () => this.element.getBoundingClientRect(), colours);
    } else if (highlightsSupported()) {
      try {
        this.painter = createHighlightPainter();
        this.painter.paint([]);
        if (!highlightsPaintUnderlines()) this.painter = combinePainters(this.painter, createOverlayPainter(layer, () => this.element.getBoundingClientRect(), colours));
      } catch {
        this.painter = null;
      }
    }
    this.painter ??= createOverlayPainter(layer, () => this.element.getBoundingClientRect(), colours);

    if (this.editor.paint === 'mirror') {
      this.element.addEventListener('input', () => this.onEdit(), { signal });
    } else {
      // Editors that render their own DOM (Draft.js, Lexical) often cancel beforeinput and fire no
      // input event: the DOM mutations are the one signal every editor gives.
      const observer = new MutationObserver(() => this.onEdit());
      observer.observe(this.element, { childList: true, characterData: true, subtree: true });
      signal.addEventListener('abort', () => observer.disconnect());
    }
    // The shortcut and hover cards answer the user's own input only, never a site's synthetic events.
    this.element.addEventListener('keydown', onlyTrusted((event) => this.onKeydown(event)), { signal });
    this.element.addEventListener('focus', () => this.scheduleLayout(), { signal });
    this.element.addEventListener('blur', () => this.scheduleLayout(), { signal });
    this.element.addEventListener('mousemove', onlyTrusted((event) => this.onPointer(event)), { signal, passive: true });
    this.element.addEventListener('mouseleave', () => {
      if (cardShownFor(this)) scheduleHideCard();
    }, { signal, passive: true });
    document.addEventListener('selectionchange', () => this.onSelectionChange(), { signal });
    window.addEventListener('scroll', () => this.scheduleLayout(), { signal, passive: true, capture: true });
    window.addEventListener('resize', () => this.scheduleLayout(), { signal, passive: true });
    if (typeof ResizeObserver === 'function') {
      const resizeObserver = new ResizeObserver(() => this.scheduleLayout());
      resizeObserver.observe(this.element);
      signal.addEventListener('abort', () => resizeObserver.disconnect());
    }
    this.onEdit();
    this.updateHooks();
  }

  dispose() {
    this.controller.abort();
    this.analysis.dispose();
    window.cancelAnimationFrame(this.frame);
    this.painter?.clear();
    this.marker?.clear();
    this.mirror?.dispose();
    this.badge?.dispose();
    forgetWatcher(this);
    for (const name of ['data-phiguard-risk', 'data-phiguard-findings', 'data-phiguard-mode', 'data-phiguard-palette']) this.element.removeAttribute(name);
    this.resolveSettled();
  }

  // ---- editing ---------------------------------------------------------------------------

  onEdit() {
    if (this.controller.signal.aborted) return;
    performance.mark(INPUT_MARK);
    const flat = this.editor.flatten(this.element);
    const text = flat.text;
    if (text !== this.text) {
      if (!this.replacing) this.lastUserEditAt = performance.now();
      const edit = diffTexts(this.text, text);
      // PHI Guard's own replacements wait the full pause: only the user's typing ends words.
      this.lastEditEndsWord = !this.replacing && typedWordEnd(edit, text);
      this.findings = shiftFindings(this.findings, edit, text);
      this.text = text;
      this.suggestionsStale();
      if (!text.trim()) {
        this.analysis.invalidate(); // an answer for older text must not come back
        this.findings = [];
        this.result = null;
        this.state = 'empty';
        this.resolveSettled();
      } else {
        this.state = 'checking';
        this.scheduleAnalyze();
      }
      this.updateHooks();
    }
    this.paint(flat);
    this.scheduleLayout();
    performance.measure(INPUT_MEASURE, INPUT_MARK);
    performance.clearMarks(INPUT_MARK);
    if (performance.getEntriesByName(INPUT_MEASURE).length > 2000) performance.clearMeasures(INPUT_MEASURE);
  }

  scheduleAnalyze() {
    if (this.pendingEdits > 0) {
      this.analysis.cancelTimers(); // fixes are waiting: the last one done schedules the check
      return;
    }
    this.analysis.schedule(() => this.analyze(), { wordEnd: this.lastEditEndsWord });
  }

  /**
   * One analysis request to the background script, timed as performance.measure('phiguard:request')
   * (visible to the page's Performance API): with 'phiguard:input' it tells the time to underline
   * apart into pause, request and drawing.
   */
  async requestAnalysis(text) {
    const start = performance.now();
    const answer = await sendToBackground({ kind: 'analyze', text, site: this.site.id, watcherId: this.id });
    performance.measure(REQUEST_MEASURE, { start, end: performance.now() });
    if (performance.getEntriesByName(REQUEST_MEASURE).length > 500) performance.clearMeasures(REQUEST_MEASURE);
    return answer;
  }

  /** Ask for a fresh analysis of the current text; older requests are cancelled. */
  async analyze({ retry = false } = {}) {
    const text = this.text;
    if (!text.trim()) return;
    if (!fitsServerLimit(text, this.site.id)) {
      this.analysis.invalidate();
      this.applyTooLong(text, requestBytes(text, this.site.id));
      return;
    }
    if (!retry && this.state !== 'checking') {
      this.state = 'checking';
      this.updateHooks();
    }
    await this.analysis.run(text);
  }

  onAnswer(text, answer) {
    if (!answer) {
      // The background script is gone (extension updated or disabled): say so, keep retrying.
      this.applyUnavailable({ message: STRINGS.notices.gone });
      return;
    }
    if (answer.status === 'ok') this.applyResult(text, answer);
    else if (answer.status === 'tooLong') this.applyTooLong(text, answer.bytes);
    else this.applyUnavailable(answer);
  }

  /**
   * The post is longer than the server checks (MAX_REQUEST_BYTES of request): it is not sent and
   * not checked, and the badge, the list and (in block mode) the pre-send guard say so.
   */
  applyTooLong(text, bytes) {
    this.result = null;
    this.findings = [];
    this.state = 'too-long';
    this.tooLongBytes = bytes;
    this.afterResult();
  }

  applyResult(text, answer) {
    const { result, mode } = answer;
    this.result = { risk: result.risk, summary: result.summary, mode, text, serverError: answer.serverError ?? null };
    // A fix button drawn for an earlier answer may be clicked after this one arrives (fixes clicked
    // back to back, a check between two of them, or more than one while the findings view waits
    // out a press): applyFix finds its finding here and re-maps it onto the text.
    const retired = [...(this.retiredFindings ?? new Map()), ...this.findings.map((f) => [f.id, f])];
    this.retiredFindings = new Map(retired.slice(-RETIRED_KEPT));
    this.findings = filters.mergeAdjacentSpans(result.findings, text).map((finding) => ({
      ...finding,
      id: `f${nextFindingId++}`,
      text: text.slice(finding.start, finding.end),
      key: `${finding.type}:${normaliseAllowTerm(text.slice(finding.start, finding.end))}`,
    }));
    this.state = 'result';
    if (mode === 'offline') this.analysis.scheduleRetry(answer.retryInMs);
    else this.analysis.resetBackoff();
    this.afterResult();
  }

  applyUnavailable(answer) {
    this.result = null;
    this.findings = [];
    this.state = 'offline';
    this.offlineMessage = answer.message ?? STRINGS.notices.serverOffline;
    this.analysis.scheduleRetry();
    this.afterResult();
  }

  afterResult() {
    this.engineStarting = false;
    this.updateColours();
    this.updateHooks();
    this.paint();
    this.scheduleLayout();
    if (panelOpenFor(this)) openPanel(this);
    const risk = this.riskHook();
    const said = `${risk}:${this.visibleFindings().length}:${this.result?.mode}`;
    if (said !== this.lastAnnounced && (risk === 'medium' || risk === 'high' || this.lastAnnounced)) {
      this.lastAnnounced = said;
      announce(this.badgeView().ariaLabel);
    }
    this.resolveSettled();
  }

  /** The server is back (the background script said so): check again with it. */
  onServerRecovered() {
    this.analysis.resetBackoff();
    if (this.state === 'offline' || this.result?.mode === 'offline') this.analyze({ retry: true });
  }

  /** The native host is loading its engine (seconds, once): a box waiting for it says "starting…", not "checking…". */
  onEngineStarting() {
    if (this.state !== 'checking' || this.engineStarting) return;
    this.engineStarting = true;
    this.updateHooks();
  }

  /** Settings changed (sensitivity, allow-list): refilter and repaint. */
  onSettingsChanged() {
    this.updateHooks();
    this.paint();
    if (panelOpenFor(this)) openPanel(this);
  }

  // ---- what is shown -----------------------------------------------------------------------

  mustFix(finding) {
    return filters.mustFix(finding, contentSettings());
  }

  isAllowListed(finding) {
    const settings = contentSettings();
    if (!settings.allowPersonalAllowList || !settings.allowList.length) return false;
    return settings.allowList.includes(this.allowHash(finding.text, settings.allowListSalt ?? ''));
  }

  /** The allow-list entry for `text` (a salted hash: the list never holds the words), cached. */
  allowHash(text, salt) {
    const key = `${salt}\u0000${text}`;
    let hash = allowHashCache.get(key);
    if (!hash) {
      if (allowHashCache.size > 500) allowHashCache.clear();
      hash = hashAllowTerm(text, salt);
      allowHashCache.set(key, hash);
    }
    return hash;
  }

  /** What the pure filters need to know about this box. */
  filterContext() {
    return { settings: contentSettings(), dismissed: this.dismissed, isAllowListed: (finding) => this.isAllowListed(finding) };
  }

  isSuppressed(finding) {
    return filters.isSuppressed(finding, this.filterContext());
  }

  visibleFindings() {
    return filters.visibleFindings(this.findings, this.filterContext());
  }

  /** The value of data-phiguard-risk. */
  riskHook() {
    return filters.riskHook(this.state, this.result, this.findings, this.filterContext());
  }

  updateHooks() {
    const attributes = {
      'data-phiguard-risk': this.riskHook(),
      'data-phiguard-findings': String(this.visibleFindings().length),
      // Which transport answered: 'server', 'native', 'http', or 'offline' (limited mode, or nothing answered).
      'data-phiguard-mode': this.state === 'offline' ? 'offline' : this.result?.mode ?? 'server',
    };
    for (const [name, value] of Object.entries(attributes)) {
      if (this.element.getAttribute(name) !== value) this.element.setAttribute(name, value);
    }
    this.badge.update(this.badgeView());
  }

  badgeView() {
    return badgeView({ state: this.state, visible: this.visibleFindings(), limited: this.result?.mode === 'offline' && this.state !== 'offline', engineStarting: this.engineStarting });
  }

  /** What the findings list shows for this box. */
  panelView() {
    const settings = contentSettings();
    const findings = this.visibleFindings();
    const status = panelStatus({ state: this.state, result: this.result, offlineMessage: this.offlineMessage, tooLongText: this.tooLongMessage() });
    return {
      status,
      summary: this.state === 'result' ? this.result.summary : '',
      findings: findings.map((finding) => ({ ...finding, mustFix: this.mustFix(finding) })),
      groups: filters.groupBySentence(findings, this.text).map((group, index) => ({
        label: `${STRINGS.panel.group(index + 1)}: “${excerpt(this.text.slice(group.start, group.end).trim())}”`,
        findings: group.findings.map((finding) => ({ ...finding, mustFix: this.mustFix(finding) })),
      })),
      fixable: findings.filter((f) => f.replacements.length).length,
      allowAlways: settings.allowPersonalAllowList,
      organisationName: settings.organisationName,
      guidance: guidanceOf(settings),
      canRephrase: this.text.trim() !== '' && this.state !== 'too-long',
      rephrasing: this.rephrasing,
      suggestions: this.suggestions?.list ?? null,
      notice: this.notice?.text ?? '',
      noticeIsError: this.notice?.error ?? false,
      emptyText: this.state === 'result' ? STRINGS.panel.nothing : '',
    };
  }

  // ---- painting and layout -----------------------------------------------------------------

  paint(flat) {
    const visible = this.visibleFindings();
    let items = [];
    if (this.mirror) {
      this.mirror.sync(this.text);
      items = visible.map((finding) => {
        const span = filters.wordAlignedSpan(this.text, finding.start, finding.end);
        return { range: this.mirror.rangeFor(span.start, span.end), severity: finding.severity, finding };
      });
    } else if (visible.length) {
      const flattened = flat ?? this.editor.flatten(this.element);
      if (flattened.text !== this.text) return; // an edit is about to be processed
      // Underlines are drawn on whole words ("ex-soldier"); the fix still replaces the server's span.
      items = visible.map((finding) => {
        const span = filters.wordAlignedSpan(this.text, finding.start, finding.end);
        return { range: this.editor.rangeFor(this.element, span.start, span.end, flattened), severity: finding.severity, finding };
      });
    }
    this.painted = items.filter((item) => item.range);
    this.painter.paint(this.painted);
  }

  scheduleLayout() {
    if (this.frame) return;
    this.frame = window.requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  layout() {
    if (!this.element.isConnected || this.controller.signal.aborted) return;
    const box = this.element.getBoundingClientRect();
    const show = this.text.trim() !== '' || document.activeElement === this.element;
    if (this.mirror) this.mirror.sync(this.text);
    this.badge.place(show ? box : null, show ? this.textRects() : [], this.sendButtonRects());
    this.painter.reposition();
    this.drawMarker();
    repositionUi();
  }

  /** The client rects of the editor's text (what PHI Guard must never cover), clipped to its box. */
  textRects() {
    const box = this.element.getBoundingClientRect();
    const within = (r) => r.width > 0 && r.height > 0 && r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right;
    if (this.mirror) {
      const range = this.text ? this.mirror.rangeFor(0, this.text.length) : null;
      return range ? [...range.getClientRects()].filter(within) : [];
    }
    const rects = [];
    const walker = document.createTreeWalker(this.element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue.trim()) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (within(r)) rects.push(r);
    }
    return rects;
  }

  sendButtonRects() {
    let button = null;
    try {
      button = this.site.findSendButton(this.element);
    } catch {
      button = null;
    }
    return button ? [button.getBoundingClientRect()] : [];
  }

  /** What the findings view must not cover: the composer's box and text, its send button, the badge. */
  keepOutRects() {
    return [this.element.getBoundingClientRect(), ...this.textRects(), ...this.sendButtonRects()];
  }

  /** Where a finding's card may go: its span's rects, the compose box, what else to avoid. */
  cardGeometry(findingId) {
    const rects = this.spanRects(findingId);
    if (!rects.length) return null;
    return { spanRects: rects, box: this.element.getBoundingClientRect(), avoid: [...this.sendButtonRects(), ...this.badge.rects()] };
  }

  spanRects(findingId) {
    const item = this.painted.find(({ finding }) => finding.id === findingId);
    if (!item) return [];
    if (this.mirror) this.mirror.sync(this.text);
    return [...item.range.getClientRects()].filter((r) => r.width > 0);
  }

  /** Light or dark, from the editor's own background (not the OS's colour scheme). */
  theme() {
    return this.background && isDark(this.background) ? 'dark' : 'light';
  }

  /** The underline colour of each category group on this editor's background ({identifier, detail, topic, story}). */
  categoryColours() {
    return this.colours?.categories ?? {};
  }

  updateColours() {
    this.background = effectiveBackground(this.element);
    this.colours = usePalette(this.element, this.background);
    this.badge?.setTheme(this.theme());
  }

  /** Outline the text of the finding the keyboard is on (null: none). */
  markFinding(findingId) {
    this.markedId = findingId ?? null;
    this.drawMarker();
  }

  drawMarker() {
    if (!this.marker) return;
    this.marker.mark(this.markedId ? this.spanRects(this.markedId) : []);
  }

  // ---- hover and caret cards ---------------------------------------------------------------

  findingAtPoint(x, y) {
    for (const item of this.painted) {
      for (const rect of item.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top - 2 && y <= rect.bottom + 4) return { finding: item.finding, rect };
      }
    }
    return null;
  }

  onPointer(event) {
    if (!this.painted.length) return;
    const hit = this.findingAtPoint(event.clientX, event.clientY);
    if (hit) showCard(this, hit.finding);
    else if (cardShownFor(this)) scheduleHideCard();
  }

  /** The caret's offset in the editor's text, or -1 when the selection is elsewhere or not collapsed. */
  caretOffset() {
    if (this.mirror) {
      if (document.activeElement !== this.element || this.element.selectionStart !== this.element.selectionEnd) return -1;
      return this.element.selectionStart;
    }
    const selection = document.getSelection();
    if (!selection?.isCollapsed || !this.element.contains(selection.anchorNode)) return -1;
    return offsetForPoint(this.element, selection.anchorNode, selection.anchorOffset);
  }

  /** The selection in the editor as offsets, to put back after the keyboard leaves a card. */
  saveCaret() {
    if (this.mirror) return { start: this.element.selectionStart, end: this.element.selectionEnd, text: this.text };
    const selection = document.getSelection();
    if (!selection?.rangeCount || !this.element.contains(selection.anchorNode)) return null;
    const start = offsetForPoint(this.element, selection.anchorNode, selection.anchorOffset);
    const end = offsetForPoint(this.element, selection.focusNode, selection.focusOffset);
    return { start: Math.min(start, end), end: Math.max(start, end), text: this.text };
  }

  /** Focus the editor with the caret where it was (or where the fix left it, if the text changed). */
  returnToEditor() {
    const caret = this.savedCaret;
    this.savedCaret = null;
    this.element.focus({ preventScroll: true });
    if (!caret || caret.text !== this.text) return;
    // The caret goes back inside the finding the user just left: that must not reopen its card.
    this.quietCaretAt = caret.start;
    if (this.mirror) {
      this.element.setSelectionRange(caret.start, caret.end);
      return;
    }
    const range = this.editor.rangeFor(this.element, caret.start, caret.end);
    if (!range) return;
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  onSelectionChange() {
    if (!this.painted.length || panelOpenFor(this)) return;
    const offset = this.caretOffset();
    if (offset < 0) return;
    if (offset === this.quietCaretAt) return;
    this.quietCaretAt = null;
    const item = this.painted.find(({ finding }) => offset > finding.start && offset < finding.end);
    if (item) showCard(this, item.finding);
    else if (cardShownFor(this)) hideCard();
  }

  /** Where a finding is among the box's findings, in text order ({position, total}, 1-based). */
  positionOf(findingId) {
    const visible = this.sortedVisible();
    return { position: visible.findIndex((f) => f.id === findingId) + 1, total: visible.length };
  }

  sortedVisible() {
    const painted = new Set(this.painted.map(({ finding }) => finding.id));
    return this.visibleFindings().filter((f) => painted.has(f.id)).sort((a, b) => a.start - b.start);
  }

  /** The shortcut: the card of the finding at the caret (or the next one), focused; the list when nothing is painted. */
  openCardAtCaret() {
    const visible = this.sortedVisible();
    if (!visible.length) {
      openPanel(this, { focus: true });
      return;
    }
    this.savedCaret = this.saveCaret();
    const offset = this.caretOffset();
    const finding = filters.findingAtOffset(visible, offset < 0 ? 0 : offset);
    showCard(this, finding, { focus: true });
  }

  /** Arrows on a focused card: the next (step 1) or previous (-1) finding's card, its text marked. */
  stepCard(findingId, step) {
    const visible = this.sortedVisible();
    if (!visible.length) return;
    const index = visible.findIndex((f) => f.id === findingId);
    const next = visible[(index + step + visible.length) % visible.length];
    showCard(this, next, { focus: true });
  }

  cardOptions(finding) {
    const settings = contentSettings();
    return { allowAlways: settings.allowPersonalAllowList, mustFix: this.mustFix(finding), organisationName: settings.organisationName, guidance: guidanceOf(settings) };
  }

  onKeydown(event) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP') {
      event.preventDefault();
      event.stopPropagation();
      this.openCardAtCaret();
    } else if (event.key === 'Escape' && cardShownFor(this)) {
      hideCard();
    }
  }

  // ---- fixes -------------------------------------------------------------------------------

  /**
   * Run one change of the editor's text (a fix, a suggestion) after those already asked for, never
   * two at once: each selects and pastes, and two interleaved would paste into each other's
   * selection. While changes wait, no analysis starts (its answer would be for a text about to
   * change); the last one done schedules it.
   */
  enqueueEdit(task) {
    this.pendingEdits = (this.pendingEdits ?? 0) + 1;
    const run = (this.editQueue ?? Promise.resolve()).then(() => (this.controller.signal.aborted ? false : task())).finally(() => {
      this.pendingEdits -= 1;
      if (!this.pendingEdits && this.state === 'checking' && !this.controller.signal.aborted) this.scheduleAnalyze();
    });
    this.editQueue = run.catch(() => false);
    return run;
  }

  /** Wait out the editor's undo-grouping window after the user's last keystroke (Quill merges changes within 1 s). */
  async waitOutUndoGroup() {
    const wait = (this.lastUserEditAt ?? -Infinity) + (this.editor.undoGroupMs ?? 0) + 50 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Replace [start, end) of `before` (the editor's text now) through the editor module, as its own undo step. */
  async replaceNow(start, end, replacement, before) {
    if (this.editor.getText(this.element) !== before) return false;
    this.replacing = true;
    try {
      return await this.editor.replace(this.element, start, end, replacement);
    } finally {
      this.replacing = false;
    }
  }

  /**
   * The notice for a change that was not made: `unchanged` when the text is as it was ("edit it by
   * hand"), or, when the editor changed it some other way than offered, one the user must act on:
   * check the text (never a silent change).
   */
  failedEditNotice(before, unchanged = STRINGS.notices.cannotEdit) {
    return this.editor.getText(this.element) === before ? unchanged : STRINGS.notices.editedDifferently;
  }

  /**
   * The finding a fix button was made for, on the editor's text as it is now: the same finding
   * (its span shifted by the edits since), or, when a fresh analysis has replaced the findings,
   * one of the same type and text, nearest where it was. Null
   * unless the span still holds exactly the text the finding saw.
   */
  locateFinding(wanted) {
    let finding = this.findings.find((f) => f.id === wanted.id);
    if (!finding) {
      // The user chose the replacement on the card they saw; a fresh answer may offer the same
      // detail other wording (replacements are worked out in context), so match type and text only.
      const candidates = this.findings.filter((f) => f.type === wanted.type && f.text === wanted.text);
      finding = candidates.sort((a, b) => Math.abs(a.start - wanted.start) - Math.abs(b.start - wanted.start))[0];
    }
    if (!finding || this.text.slice(finding.start, finding.end) !== wanted.text) return null;
    return finding;
  }

  /** A fix could not be applied to the text as it is: say so and check the text again. */
  recheck() {
    this.setNotice(STRINGS.notices.changed, true);
    if (!this.text.trim()) return;
    this.state = 'checking';
    this.updateHooks();
    this.scheduleAnalyze();
  }

  setNotice(text, error = false) {
    this.notice = text ? { text, error } : null;
    if (panelOpenFor(this)) openPanel(this);
    if (text) announce(text);
  }

  suggestionsStale() {
    if (this.suggestions && this.suggestions.forText !== this.text) this.suggestions = null;
  }

  /**
   * Apply replacement `index` of a finding. Fixes clicked in quick succession run one after the
   * other; each re-maps its span onto the editor's current text when its turn comes and applies
   * only if the span still holds what the finding saw (else the text is checked again).
   * @returns {Promise<boolean>} whether the text was changed
   */
  applyFix(findingId, index) {
    const finding = this.findings.find((f) => f.id === findingId) ?? this.retiredFindings?.get(findingId);
    const replacement = finding?.replacements[index];
    if (!finding || typeof replacement !== 'string') {
      this.recheck();
      return Promise.resolve(false);
    }
    const wanted = { id: finding.id, type: finding.type, text: finding.text, start: finding.start, replacement };
    return this.enqueueEdit(async () => {
      await this.waitOutUndoGroup();
      this.onEdit(); // take in any edit not seen yet: findings shift, those it touched drop
      const current = this.editor.getText(this.element);
      const target = current === this.text ? this.locateFinding(wanted) : null;
      if (!target) {
        this.recheck();
        return false;
      }
      const [start, end] = replacement === '' ? withOneSpace(current, target.start, target.end) : [target.start, target.end];
      const done = await this.replaceNow(start, end, replacement, current);
      const failed = done ? '' : this.failedEditNotice(current);
      this.onEdit();
      this.setNotice(failed, !done);
      return done;
    });
  }

  dismiss(findingId, always) {
    const finding = this.findings.find((f) => f.id === findingId);
    if (!finding) return;
    if (always && !contentSettings().allowPersonalAllowList) return;
    if (!always && this.mustFix(finding)) return; // block mode offers no "Ignore"; a stale button does nothing
    // In block mode an "Always allow" resolves the finding only once the allow-list (settings) has
    // it: isSuppressed() does not count the dismissal itself.
    this.dismissed.add(finding.key);
    if (always) sendToBackground({ kind: 'allowTerm', term: finding.text });
    this.updateHooks();
    this.paint();
    if (panelOpenFor(this)) openPanel(this);
  }

  async rephrase({ open = true } = {}) {
    const text = this.editor.getText(this.element);
    if (!text.trim()) return;
    this.rephrasing = true;
    this.suggestions = null;
    this.notice = null;
    if (open || panelOpenFor(this)) openPanel(this);
    const answer = await sendToBackground({ kind: 'rewrite', text });
    this.rephrasing = false;
    if (this.controller.signal.aborted) return;
    if (answer?.status === 'ok') {
      this.suggestions = { forText: text, list: answer.suggestions, mode: answer.mode };
      this.notice = answer.suggestions.length ? null : { text: STRINGS.notices.noRephrasing, error: false };
      if (answer.mode === 'offline') this.notice = { text: STRINGS.notices.limitedRephrase, error: false };
    } else {
      this.notice = {
        text: answer?.status === 'tooLong'
          ? STRINGS.notices.tooLongRephrase(MAX_REQUEST_BYTES / 1024)
          : answer?.message ?? STRINGS.notices.rephraseUnavailable,
        error: true,
      };
    }
    if (open) openPanel(this, { focus: true });
    else if (panelOpenFor(this)) openPanel(this);
  }

  /** "Fix all": the first fix of every visible finding that has one, as one edit (one Ctrl+Z undoes it). */
  fixAll() {
    return this.applyFirstFixes(this.visibleFindings().filter((f) => f.replacements.length));
  }

  /**
   * The first fix of each of `findings`, made as ONE replacement of the smallest range that covers
   * them all (combineFixes), so every editor records one undo step, where fixes one after the other
   * would take one Ctrl+Z each. Like a single fix it waits its turn, re-maps each finding onto the
   * text as it is then, and leaves out those whose span no longer holds what the finding saw.
   * @returns {Promise<number>} how many fixes were made
   */
  applyFirstFixes(findings) {
    const wanted = findings.filter((f) => typeof f.replacements[0] === 'string')
      .map((f) => ({ id: f.id, type: f.type, text: f.text, start: f.start, replacement: f.replacements[0] }));
    if (!wanted.length) return Promise.resolve(0);
    if (wanted.length === 1) return this.applyFix(wanted[0].id, 0).then((done) => (done ? 1 : 0));
    return this.enqueueEdit(async () => {
      await this.waitOutUndoGroup();
      this.onEdit(); // take in any edit not seen yet: findings shift, those it touched drop
      const current = this.editor.getText(this.element);
      const fixes = current === this.text ? wanted.flatMap((w) => {
        const target = this.locateFinding(w);
        if (!target) return [];
        const [start, end] = w.replacement === '' ? withOneSpace(current, target.start, target.end) : [target.start, target.end];
        return [{ start, end, replacement: w.replacement }];
      }) : [];
      const edit = fixes.length ? combineFixes(current, fixes) : null;
      if (!edit) {
        this.recheck();
        return 0;
      }
      const done = await this.replaceNow(edit.start, edit.end, edit.replacement, current);
      const failed = done ? '' : this.failedEditNotice(current);
      this.onEdit();
      this.setNotice(failed, !done);
      return done ? edit.applied : 0;
    });
  }

  /**
   * "Keep, remove the person instead" on health detail that is the topic: keep the condition and
   * fix what identifies the person in its sentence (name, client reference, age, place…); when
   * nothing there has a fix, use the safe rewrite of the whole post.
   */
  async keepTopic(findingId) {
    const topic = this.findings.find((f) => f.id === findingId);
    if (!topic) return false;
    const visible = this.visibleFindings();
    const group = filters.groupBySentence(visible, this.text).find((g) => g.findings.some((f) => f.id === findingId));
    const others = (group?.findings ?? []).filter((f) => f.id !== findingId && !filters.isTopicFinding(f) && f.replacements.length);
    if (!this.mustFix(topic)) this.dismissed.add(topic.key);
    if (!others.length) return this.useSafeRewrite();
    const changed = (await this.applyFirstFixes(others)) > 0;
    this.updateHooks();
    this.paint();
    return changed;
  }

  /** "Use the safe rewrite": the server's best suggestion replaces the post (one Ctrl+Z undoes it). */
  async useSafeRewrite() {
    if (!this.suggestions || this.suggestions.forText !== this.editor.getText(this.element)) await this.rephrase({ open: false });
    if (this.suggestions?.list.length && this.suggestions.mode !== 'offline') return this.applySuggestion(0);
    openPanel(this, { focus: true });
    return false;
  }

  applySuggestion(index) {
    const suggestion = this.suggestions?.list[index];
    if (!suggestion) return Promise.resolve(false);
    const forText = this.suggestions.forText;
    return this.enqueueEdit(async () => {
      await this.waitOutUndoGroup();
      const current = this.editor.getText(this.element);
      if (current !== forText) {
        if (this.suggestions?.forText === forText) this.suggestions = null;
        this.setNotice(STRINGS.notices.postChanged, true);
        return false;
      }
      this.suggestions = null;
      const done = await this.replaceNow(0, current.length, suggestion.text, current);
      const failed = done ? '' : this.failedEditNotice(current, STRINGS.notices.cannotPaste);
      this.onEdit();
      if (done) {
        closePanel({ restoreFocus: true });
        announce(STRINGS.notices.rephrased);
      } else {
        this.setNotice(failed, true);
      }
      return done;
    });
  }

  // ---- pre-send guard support --------------------------------------------------------------

  /** Findings that make the pre-send guard step in: medium or high, not dismissed or allow-listed. */
  blockingFindings() {
    return filters.blockingFindings(this.visibleFindings()).map((f) => ({ ...f, label: typeLabel(f.type) }));
  }

  /** Whether the server can rewrite this post (not too long, not limited mode). */
  get canRewrite() {
    return this.text.trim() !== '' && this.state === 'result' && this.result?.mode !== 'offline';
  }

  /** True while the current text has no answer yet. */
  get pending() {
    return this.state === 'checking';
  }

  /** True when the current text has no answer at all and will not get one without a change. */
  get unchecked() {
    return this.state === 'offline' || this.state === 'too-long';
  }

  tooLongMessage() {
    return tooLongText(this.tooLongBytes);
  }

  /** Why the current text is unchecked, for the pre-send dialog. */
  get uncheckedReason() {
    if (this.state === 'too-long') return this.tooLongMessage();
    if (this.state !== 'offline') return '';
    return STRINGS.notices.uncheckedOffline((this.offlineMessage ?? STRINGS.notices.serverOffline).replace(/\.?$/, '.'));
  }

  /** Resolves when the current text has an answer (or after timeoutMs). */
  whenSettled(timeoutMs) {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.settleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  resolveSettled() {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Check right away (the user is about to post). */
  analyzeNow() {
    if (this.pending) this.analyze();
  }
}
