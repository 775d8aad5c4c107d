// The pure rules over a box's findings (content/finding_filters.js): what shows, what must be
// fixed, the risk hook, merged and word-aligned spans, sentence groups, the finding at the caret.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as filters from '../../../extension/src/content/finding_filters.js';

const f = (start, end, type, severity = 'high', replacements = ['someone'], key = `${type}:${start}`) => ({ start, end, type, severity, replacements, key });
const context = (settings = {}, dismissed = [], allowed = []) => ({
  settings: { enforcement: 'warn', minimumSeverity: 'low', ...settings },
  dismissed: new Set(dismissed),
  isAllowListed: (finding) => allowed.includes(finding.key),
});

describe('visibleFindings and mustFix', () => {
  const findings = [f(0, 5, 'PERSON', 'high'), f(6, 8, 'AGE', 'medium'), f(9, 12, 'STORY_DETAIL', 'low')];

  it('hides findings below the minimum severity, dismissed or allow-listed', () => {
    assert.deepEqual(filters.visibleFindings(findings, context({ minimumSeverity: 'medium' })).map((x) => x.type), ['PERSON', 'AGE']);
    assert.deepEqual(filters.visibleFindings(findings, context({}, ['PERSON:0'])).map((x) => x.type), ['AGE', 'STORY_DETAIL']);
    assert.deepEqual(filters.visibleFindings(findings, context({}, [], ['AGE:6'])).map((x) => x.type), ['PERSON', 'STORY_DETAIL']);
  });

  it('in block mode, shows every medium or high finding whatever the minimum, and a dismissal does not hide it', () => {
    const block = context({ enforcement: 'block', minimumSeverity: 'high' }, ['AGE:6']);
    assert.deepEqual(filters.visibleFindings(findings, block).map((x) => x.type), ['PERSON', 'AGE']);
    assert.equal(filters.mustFix(findings[2], block.settings), false, 'low findings never have to be fixed');
  });

  it('blockingFindings keeps medium and high only', () => {
    assert.deepEqual(filters.blockingFindings(findings).map((x) => x.severity), ['high', 'medium']);
  });
});

describe('riskHook', () => {
  const findings = [f(0, 5, 'PERSON', 'high'), f(6, 8, 'AGE', 'low')];
  it('is the state while there is no result', () => {
    assert.equal(filters.riskHook('empty', null, [], context()), 'none');
    for (const state of ['checking', 'offline', 'too-long']) assert.equal(filters.riskHook(state, null, [], context()), state);
  });
  it('is the analysis risk, or the worst left after dismissals', () => {
    assert.equal(filters.riskHook('result', { risk: 'high' }, findings, context()), 'high');
    assert.equal(filters.riskHook('result', { risk: 'high' }, findings, context({}, ['PERSON:0'])), 'low');
  });
});

describe('mergeAdjacentSpans', () => {
  it('merges spans of one type separated by spaces or hyphens, keeping the fixes both offer', () => {
    const text = 'she keeps falling over';
    const merged = filters.mergeAdjacentSpans([f(4, 9, 'EVENT_DETAIL', 'low', ['', 'x']), f(10, 17, 'EVENT_DETAIL', 'medium', [''])], text);
    assert.equal(merged.length, 1);
    assert.deepEqual([merged[0].start, merged[0].end, merged[0].severity, merged[0].replacements], [4, 17, 'medium', ['']]);
  });
  it('keeps apart spans of different types, or separated by a word', () => {
    const text = 'Asda on Kirkstall Road, 81';
    assert.equal(filters.mergeAdjacentSpans([f(0, 4, 'LOCATION'), f(8, 22, 'LOCATION')], text).length, 2);
    assert.equal(filters.mergeAdjacentSpans([f(8, 22, 'LOCATION'), f(24, 26, 'AGE')], text).length, 2);
  });
});

describe('wordAlignedSpan', () => {
  const cases = [
    ['an ex-soldier who', 6, 13, 'ex-soldier'],
    ['in Whitby today', 3, 9, 'Whitby'],
    ['the Kirkstalls', 4, 13, 'Kirkstalls'],
    ["Sandra's room", 0, 6, 'Sandra'],
    ['age 81, then', 4, 6, '81'],
    ['a 15-year-old lad', 2, 4, '15-year-old'],
  ];
  for (const [text, start, end, expected] of cases) {
    it(`${JSON.stringify(text.slice(start, end))} in ${JSON.stringify(text)} is drawn as ${JSON.stringify(expected)}`, () => {
      const span = filters.wordAlignedSpan(text, start, end);
      assert.equal(text.slice(span.start, span.end), expected);
    });
  }
});

describe('topic and quiet findings', () => {
  it('health detail is the topic; a name is not', () => {
    assert.equal(filters.isTopicFinding(f(0, 4, 'HEALTH_CONDITION')), true);
    assert.equal(filters.isTopicFinding(f(0, 4, 'PERSON')), false);
  });
  it('low findings and story details are quiet', () => {
    assert.equal(filters.isQuietFinding(f(0, 4, 'STORY_DETAIL', 'medium')), true);
    assert.equal(filters.isQuietFinding(f(0, 4, 'AGE', 'low')), true);
    assert.equal(filters.isQuietFinding(f(0, 4, 'AGE', 'high')), false);
  });
});

describe('groupBySentence', () => {
  it('groups findings by sentence, in text order', () => {
    const text = 'My client Sandra, 81, fell. She lives in Whitby!\nAny ideas?';
    const groups = filters.groupBySentence([f(41, 47, 'LOCATION'), f(10, 16, 'PERSON'), f(18, 20, 'AGE')], text);
    assert.deepEqual(groups.map((g) => g.findings.map((x) => x.type)), [['PERSON', 'AGE'], ['LOCATION']]);
    assert.equal(text.slice(groups[1].start, groups[1].end).trim(), 'She lives in Whitby!');
  });
});

describe('findingAtOffset', () => {
  const findings = [f(10, 16, 'PERSON'), f(18, 20, 'AGE')];
  it('is the finding holding the caret, at either edge', () => {
    assert.equal(filters.findingAtOffset(findings, 12).type, 'PERSON');
    assert.equal(filters.findingAtOffset(findings, 20).type, 'AGE');
  });
  it('else the next one after the caret, else the last', () => {
    assert.equal(filters.findingAtOffset(findings, 0).type, 'PERSON');
    assert.equal(filters.findingAtOffset(findings, 30).type, 'AGE');
    assert.equal(filters.findingAtOffset([], 3), null);
  });
});
