// The offline analyzer: merging packs, matching, and shared_rules/SPEC.md "From matches to findings
// and risk". Realistic cases run on the core pack; the ordering rules run on a tiny synthetic pack
// whose rules overlap exactly where each test needs them to.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import {
  RulePackError, compileRuleSet, createOfflineAnalyzer, createOfflineAnalyzerFromFiles, mergePacks,
} from '../../../extension/src/rules/offline_analyzer.js';
import { matchRule } from '../../../extension/src/rules/match_rules.js';
import { age_range, luhn, nhs_mod11, us_ssn } from '../../../extension/src/rules/validators.js';

const CORE_FILES = collectPackFiles();
const core = createOfflineAnalyzerFromFiles(CORE_FILES);
const coreSettings = mergePacks(CORE_FILES).settings;

// The core pack plus an organisation pack made of `data` (one file).
function coreWith(data) {
  return createOfflineAnalyzerFromFiles([
    ...CORE_FILES,
    { path: 'org/pack.json', data: { pack: { name: 'org', version: '1' }, ...data } },
  ]);
}

function found(text, result) {
  return result.findings.map((f) => [f.type, text.slice(f.start, f.end), f.severity]);
}

function analyze(text, analyzer = core) {
  const result = analyzer.analyze(text);
  return { result, found: found(text, result) };
}

// A pack of one-word entities per category; `rules` are [id, entity, pattern, extra?].
function synthetic(rules, settings = {}, extra = {}) {
  const entity = (category, label) => ({ category, label, explanation: `${label} (in context)`,
    explanation_alone: `${label} (alone)` });
  return createOfflineAnalyzerFromFiles([
    { path: 't/pack.json', data: {
      pack: { name: 't', version: '1' },
      settings: { context_scope: 'post', combination_threshold: 3,
        combination_explanation: '{details} together.', risk_explanations: {
          none: 'none!', low: 'low!', medium: 'medium!', high: 'high!' }, ...settings },
      entities: {
        CTX: entity('context', 'Context'), DIR: entity('direct', 'Direct'), CONT: entity('contact', 'Contact'),
        NAME: entity('name', 'Name'), Q1: entity('quasi', 'Q one'), Q2: entity('quasi', 'Q two'),
        Q3: entity('quasi', 'Q three'), COND: entity('condition', 'Condition'),
      },
      ...extra,
    } },
    { path: 't/rules.json', data: {
      rules: rules.map(([id, ent, pattern, more]) => ({ id: `t.${id}`, entity: ent, pattern, ...more })),
    } },
  ]);
}

describe('severity by category', () => {
  test('a direct identifier is high with or without client context', () => {
    assert.deepEqual(analyze('Her NHS number is 401 023 2137').found, [['NHS_NUMBER', '401 023 2137', 'high']]);
    const { result } = analyze('Her NHS number is 401 023 2137');
    assert.equal(result.risk, 'high');
    assert.equal(result.summary, coreSettings.risk_explanations.high);
    assert.match(result.findings[0].explanation, /NHS number/);
  });

  test('a contact detail is low alone (explanation_alone) and high beside a client reference', () => {
    const alone = analyze('Call us on 0113 496 0000');
    assert.deepEqual(alone.found, [['PHONE_NUMBER', '0113 496 0000', 'low']]);
    assert.equal(alone.result.risk, 'low');
    assert.match(alone.result.findings[0].explanation, /fine for an organisation/);

    const withClient = analyze("My client's number is 0113 496 0000");
    assert.deepEqual(withClient.found, [
      ['CLIENT_REFERENCE', "My client's", 'medium'], ['PHONE_NUMBER', '0113 496 0000', 'high']]);
    assert.match(withClient.result.findings[1].explanation, /A client's \(or their family's\) phone/);
  });

  test('a name is dropped alone and high beside a client reference', () => {
    assert.deepEqual(analyze('Mrs Jones gave a great talk').found, []);
    assert.deepEqual(analyze('My client Mrs Jones came in').found, [
      ['CLIENT_REFERENCE', 'My client', 'medium'], ['PERSON', 'Mrs Jones', 'high']]);
  });

  test('a quasi-identifier or condition is dropped alone and medium beside a client reference', () => {
    const alone = analyze('Lovely walk in Whitby, then training on dementia');
    assert.deepEqual(alone.found, []);
    assert.equal(alone.result.risk, 'none');
    assert.equal(alone.result.summary, coreSettings.risk_explanations.none);

    const withClient = analyze('My client lives in Whitby and has dementia');
    assert.deepEqual(withClient.found, [['CLIENT_REFERENCE', 'My client', 'medium'],
      ['LOCATION', 'Whitby', 'medium'], ['HEALTH_CONDITION', 'dementia', 'medium']]);
    assert.equal(withClient.result.risk, 'medium');
  });

  test('explanations: a rule\'s explanation replaces its entity\'s, in context too; direct ones never use explanation_alone', () => {
    const a = synthetic([['ctx', 'CTX', '\\bclient\\b'],
      ['q', 'Q1', '\\bold\\b', { standalone_severity: 'medium', explanation: 'rule says' }],
      ['d', 'DIR', '\\bid\\b', { explanation: 'rule on direct' }], ['c', 'CONT', '\\bphone\\b'],
      ['x', 'COND', '\\bill\\b', { standalone_severity: 'low' }]]);
    const alone = a.analyze('old id phone ill');
    assert.deepEqual(alone.findings.map((f) => [f.type, f.severity, f.explanation]), [
      ['Q1', 'medium', 'rule says'], ['DIR', 'high', 'rule on direct'], ['CONT', 'low', 'Contact (alone)'],
      ['COND', 'low', 'Condition (in context)']]);
    const inContext = a.analyze('client old id phone ill');
    assert.deepEqual(inContext.findings.map((f) => [f.type, f.severity, f.explanation]), [
      ['CTX', 'medium', 'Context (in context)'], ['Q1', 'medium', 'rule says'],
      ['DIR', 'high', 'rule on direct'], ['CONT', 'high', 'Contact (in context)'],
      ['COND', 'medium', 'Condition (in context)']]);
    assert.equal(inContext.summary, 'high!');
    assert.equal(a.analyze('client').findings[0].explanation, 'Context (alone)');
  });

  test('a client reference alone is low, with its explanation_alone', () => {
    const { result, found: f } = analyze('I have a client who made me smile');
    assert.deepEqual(f, [['CLIENT_REFERENCE', 'I have a client', 'low']]);
    assert.equal(result.risk, 'low');
    assert.match(result.findings[0].explanation, /Fine on its own/);
  });
});

describe('weak and standalone findings', () => {
  test('a weak date is low beside a client reference and dropped alone', () => {
    assert.deepEqual(analyze('My client came in yesterday').found, [
      ['CLIENT_REFERENCE', 'My client', 'low'], ['DATE', 'yesterday', 'low']],
    'a weak finding alone does not raise the client reference to medium');
    assert.deepEqual(analyze('My client came in on Monday').found, [
      ['CLIENT_REFERENCE', 'My client', 'medium'], ['DATE', 'on Monday', 'medium']]);
    assert.deepEqual(analyze('Yesterday was busy').found, []);
  });

  test('a weak date does not count towards a combination', () => {
    const { result } = analyze('My client, 45 years old, lives in Whitby yesterday');
    assert.equal(result.risk, 'medium');
    assert.deepEqual(result.findings.map((f) => f.severity), ['medium', 'medium', 'medium', 'low']);
  });

  test('an age over 89 is high on its own (HIPAA), with the rule\'s explanation', () => {
    const { result, found: f } = analyze('Happy 101st birthday to Edna');
    assert.deepEqual(f, [['AGE_OVER_89', '101st birthday', 'high']]);
    assert.equal(result.risk, 'high');
    assert.match(result.findings[0].explanation, /over 89/);
    assert.deepEqual(analyze('Happy 50th birthday to Edna').found, []);
  });
});

describe('overlaps', () => {
  test('a quasi-identifier beats the client reference it sits inside', () => {
    assert.deepEqual(analyze('my 45 year old client').found, [['AGE', '45 year old', 'medium']]);
  });

  const ctx = ['ctx', 'CTX', '\\bclient\\b'];

  test('higher severity wins over a better category', () => {
    const a = synthetic([['q', 'Q1', '\\bbeta gamma\\b', { standalone_severity: 'medium' }],
      ['c', 'CONT', '\\bgamma delta\\b']]);
    assert.deepEqual(analyze('beta gamma delta', a).found, [['Q1', 'beta gamma', 'medium']]);
  });

  test('same severity: direct > contact > name > quasi > condition > context', () => {
    const order = ['DIR', 'CONT', 'NAME', 'Q1', 'COND', 'CTX'];
    const allHigh = Object.fromEntries(order.map((e) => [e, 'high']));
    for (let i = 0; i + 1 < order.length; i += 1) {
      const [better, worse] = [order[i], order[i + 1]];
      // The worse one starts first: only the category can make the later one win.
      const a = synthetic([ctx, ['w', worse, '\\bone two\\b'], ['b', better, '\\btwo six\\b']], {},
        { severity_overrides: allHigh });
      assert.deepEqual(analyze('client one two six', a).found.slice(1), [[better, 'two six', 'high']],
        `${better} over ${worse}`);
    }
  });

  test('same severity and category: the longer span wins, then the earlier', () => {
    const longer = synthetic([ctx, ['a', 'Q1', '\\bone two\\b'], ['b', 'Q2', '\\btwo three four\\b']]);
    assert.deepEqual(analyze('client one two three four', longer).found, [
      ['CTX', 'client', 'medium'], ['Q2', 'two three four', 'medium']]);
    const earlier = synthetic([ctx, ['a', 'Q2', '\\btwo six\\b'], ['b', 'Q1', '\\bone two\\b']]);
    assert.deepEqual(analyze('client one two six', earlier).found, [
      ['CTX', 'client', 'medium'], ['Q1', 'one two', 'medium']]);
  });

  test('a chain of overlaps keeps the best, then whatever no longer overlaps a kept finding', () => {
    const a = synthetic([ctx, ['a', 'DIR', '\\bone two\\b'], ['b', 'Q1', '\\btwo three\\b'],
      ['c', 'Q2', '\\bthree four\\b']]);
    assert.deepEqual(analyze('client one two three four', a).found, [
      ['CTX', 'client', 'medium'], ['DIR', 'one two', 'high'], ['Q2', 'three four', 'medium']]);
  });

  test('findings come back sorted by start and never overlap', () => {
    const text = "My 94 year old client Mrs Jones (94) lives at 14 Acacia Avenue, Leeds LS6 2QT with her "
      + 'husband, a retired firefighter. She had a stroke on 3rd March 2024 and is on Ward 7, Bed 12 at '
      + "St Mary's Hospital. NHS number 401 023 2137, phone 0113 496 0000, jane.doe@gmail.com.";
    const { findings } = core.analyze(text);
    assert.ok(findings.length >= 10, `only ${findings.length} findings`);
    for (let i = 1; i < findings.length; i += 1) {
      assert.ok(findings[i - 1].end <= findings[i].start, `${i - 1} and ${i} overlap or are out of order`);
    }
  });
});

// As tests/server/test_hidden_candidates.py: an entity's `hides` (SPEC, "Entities that hide others").
describe('entities that hide others', () => {
  // A context word, a name ('alpha beta'), a detail ('beta gamma') and a hider ('alpha') with `hides`.
  function hiding(hides, settings = {}) {
    const hider = { category: 'quasi', label: 'Hider', explanation: 'hider', ...(hides ? { hides } : {}) };
    return synthetic([['ctx', 'CTX', '\\bclient\\b'], ['n', 'NAME', '\\balpha beta\\b'], ['q', 'Q1', '\\bbeta gamma\\b'],
      ['h', 'HIDER', '\\balpha\\b']], settings, { entities: {
      CTX: { category: 'context', label: 'Context', explanation: 'c' }, NAME: { category: 'name', label: 'Name', explanation: 'n' },
      Q1: { category: 'quasi', label: 'Q one', explanation: 'q' }, HIDER: hider,
    } });
  }
  const types = (a, text) => a.analyze(text).findings.map((f) => [f.type, text.slice(f.start, f.end)]);

  test('without hides, the name is judged (and wins its overlaps)', () => {
    assert.deepEqual(types(hiding(null), 'client alpha beta gamma'), [['CTX', 'client'], ['NAME', 'alpha beta']]);
  });

  for (const hides of [{ entities: ['NAME'] }, { categories: ['name'] }]) {
    test(`hides ${JSON.stringify(hides)}: the name goes, the hider and what it does not list stay`, () => {
      assert.deepEqual(types(hiding(hides), 'client alpha beta gamma'),
        [['CTX', 'client'], ['HIDER', 'alpha'], ['Q1', 'beta gamma']]);
    });
  }

  test('only an overlapping match is hidden', () => {
    assert.deepEqual(types(hiding({ entities: ['Q1'] }), 'client alpha beta gamma'), [['CTX', 'client'], ['NAME', 'alpha beta']]);
    assert.deepEqual(types(hiding({ entities: ['Q1'] }), 'client beta gamma, alpha'),
      [['CTX', 'client'], ['Q1', 'beta gamma'], ['HIDER', 'alpha']]);
  });

  test('a hidden context match gives the scope no context', () => {
    const a = synthetic([['ctx', 'CTX', '\\bclient\\b'], ['h', 'HIDER', '\\bthe client\\b'], ['q', 'Q1', '\\bgamma\\b']], {}, {
      entities: { CTX: { category: 'context', label: 'Context', explanation: 'c' }, Q1: { category: 'quasi', label: 'Q', explanation: 'q' },
        HIDER: { category: 'organisation', label: 'Org', explanation: 'o', hides: { categories: ['context'] } } } });
    assert.equal(a.analyze('the client gamma').risk, 'none');
    assert.equal(a.analyze('a client gamma').risk, 'medium');
  });

  test('a hides naming no entity is refused, as the server refuses it', () => {
    const merged = mergePacks([{ path: 'a/pack.json', data: { pack: { name: 'a', version: '1' }, entities: {
      OWN_FAX: { category: 'contact', label: 'Fax', explanation: 'x', hides: { entities: ['FAX_NUMBR'] } } } } }]);
    assert.throws(() => compileRuleSet(merged), (e) => e instanceof RulePackError && /hides 'FAX_NUMBR'/.test(e.message));
  });

  test('the core pack: the writer\'s own number and the person words of a service name', () => {
    assert.deepEqual(analyze('My client has dementia. Please call me on 07700 900123.').found.filter(([t]) => /PHONE/.test(t)),
      [['OWN_PHONE_NUMBER', '07700 900123', 'low']]);
    const text = 'My client asked about our Patient Advice and Liaison Service.';
    assert.ok(!core.analyze(text).findings.some((f) => text.slice(f.start, f.end).includes('Patient')));
  });
});

describe('combinations', () => {
  test('three kinds of detail about a client make the post high, labels in order of appearance', () => {
    const { result, found: f } = analyze('My client, 45 years old, lives in Whitby and has dementia');
    assert.equal(result.risk, 'high');
    assert.deepEqual(f, [['CLIENT_REFERENCE', 'My client', 'medium'], ['AGE', '45 years old', 'high'],
      ['LOCATION', 'Whitby', 'high'], ['HEALTH_CONDITION', 'dementia', 'high']]);
    const expected = coreSettings.combination_explanation.replace('{details}', 'Age, Place and Health detail')
      .replace('{texts}', "'45 years old', 'Whitby' and 'dementia'");
    assert.deepEqual(result.findings.slice(1).map((x) => x.explanation), [expected, expected, expected]);
    assert.equal(result.summary, coreSettings.risk_explanations.high);
  });

  test('distinct entities count, not findings; the threshold comes from settings', () => {
    const rules = [['ctx', 'CTX', '\\bclient\\b'], ['a', 'Q1', '\\balpha\\b'], ['b', 'Q2', '\\bbeta\\b'],
      ['c', 'COND', '\\bgamma\\b']];
    const three = synthetic(rules);
    assert.equal(three.analyze('client alpha alpha beta').risk, 'medium');
    const high = three.analyze('client alpha beta alpha gamma');
    assert.equal(high.risk, 'high');
    assert.equal(high.findings[1].explanation, 'Q one, Q two and Condition together.');
    const two = synthetic(rules, { combination_threshold: 2 });
    assert.equal(two.analyze('client alpha beta').risk, 'high');
    assert.equal(two.analyze('client alpha beta').findings[2].explanation, 'Q one and Q two together.');
    assert.equal(two.analyze('alpha beta gamma').risk, 'none', 'no client context, no combination');
  });
});

describe('scopes', () => {
  test('with paragraph scope (an organisation setting), a client reference gives context to its own line only', () => {
    const paragraph = coreWith({ settings: { context_scope: 'paragraph' } });
    const text = 'I have a client.\nShe lives in Whitby and has dementia';
    assert.deepEqual(analyze(text, paragraph).found, [['CLIENT_REFERENCE', 'I have a client', 'low']]);
    assert.equal(paragraph.analyze(text).risk, 'low');
    assert.equal(paragraph.analyze(text.replace('\n', ' ')).risk, 'medium');
  });

  test('with post scope (the core default), the whole text is one scope', () => {
    assert.equal(coreSettings.context_scope, 'post');
    const { result, found: f } = analyze('I have a client.\n\nShe lives in Whitby and has dementia');
    assert.deepEqual(f, [['CLIENT_REFERENCE', 'I have a client', 'medium'],
      ['LOCATION', 'Whitby', 'medium'], ['HEALTH_CONDITION', 'dementia', 'medium']]);
    assert.equal(result.risk, 'medium');
  });

  test('a run of blank lines is one break; "\\r" alone is not a break', () => {
    const rules = [['ctx', 'CTX', '\\bclient\\b'], ['a', 'Q1', '\\balpha\\b']];
    const a = synthetic(rules, { context_scope: 'paragraph' });
    assert.equal(a.analyze('client\n\n\nalpha').risk, 'low');
    assert.equal(a.analyze('client\ralpha').risk, 'medium');
    assert.equal(a.analyze('client alpha\n\nalpha').risk, 'medium');
    assert.deepEqual(a.analyze('client alpha\n\nalpha').findings.map((f) => f.start), [0, 7]);
  });

  test('offsets stay right across line breaks, and each paragraph is judged on its own', () => {
    const text = 'Lovely day.\r\nMy client lives in Whitby.\n\nCall the office on 0113 496 0000';
    const { result, found: f } = analyze(text, coreWith({ settings: { context_scope: 'paragraph' } }));
    assert.deepEqual(f, [['CLIENT_REFERENCE', 'My client', 'medium'], ['LOCATION', 'Whitby', 'medium'],
      ['PHONE_NUMBER', '0113 496 0000', 'low']]);
    assert.equal(result.findings[1].start, text.indexOf('Whitby'));
    assert.equal(result.findings[2].start, text.indexOf('0113'));
  });
});

describe('organisation packs', () => {
  test('an allow-listed term is never flagged (case-insensitive, whole finding text)', () => {
    const allow = coreWith({ allow: ['  WHITBY '] });
    assert.deepEqual(analyze('My client lives in Whitby', allow).found, [['CLIENT_REFERENCE', 'My client', 'low']]);
    assert.deepEqual(analyze('My client lives in Whitby Abbey', allow).found.map((x) => x[1]),
      ['My client', 'Whitby Abbey']);
  });

  test('severity_overrides and an entity severity replace the computed severity of kept findings', () => {
    const override = coreWith({ severity_overrides: { LOCATION: 'high' } });
    assert.deepEqual(analyze('My client lives in Whitby', override).found, [
      ['CLIENT_REFERENCE', 'My client', 'medium'], ['LOCATION', 'Whitby', 'high']]);
    assert.deepEqual(analyze('Lovely walk in Whitby', override).found, [], 'a dropped finding stays dropped');

    const entities = mergePacks(CORE_FILES).entities;
    const lowPhone = coreWith({ entities: { PHONE_NUMBER: { ...entities.PHONE_NUMBER, severity: 'low' } } });
    assert.deepEqual(analyze("My client's number is 0113 496 0000", lowPhone).found, [
      ['CLIENT_REFERENCE', "My client's", 'medium'], ['PHONE_NUMBER', '0113 496 0000', 'low']]);
  });

  test('terms an organisation adds to a vocabulary reach the core rules that use it', () => {
    assert.deepEqual(analyze('My apprentice lives in Whitby').found, []);
    const apprentices = coreWith({ vocabularies: [{ id: 'client_nouns', terms: ['apprentice'] }] });
    assert.deepEqual(analyze('My apprentice lives in Whitby', apprentices).found, [
      ['CLIENT_REFERENCE', 'My apprentice', 'medium'], ['LOCATION', 'Whitby', 'medium']]);
  });
});

describe('replacements', () => {
  test('each finding offers its entity\'s span replacements', () => {
    const { result } = analyze('My client has dementia');
    assert.deepEqual(result.findings.map((f) => f.replacements), [['someone', 'a person'], []]);
  });

  test('a facility\'s own kind of replacement comes first', () => {
    const kinds = {
      'My client goes to Oakwood School': ['a school', 'a hospital', ''],
      'My client is at Oakwood Care Home': ['a care home', 'a hospital', ''],
      'My client is on Ward 7': ['', 'a hospital'],
      'My client is in Room 7': ['', 'a hospital'],
    };
    for (const [text, replacements] of Object.entries(kinds)) {
      const facility = core.analyze(text).findings.find((f) => f.type === 'FACILITY');
      assert.ok(facility, `no FACILITY in ${text}`);
      assert.deepEqual(facility.replacements, replacements, text);
    }
  });
});

describe('offsets', () => {
  test('offsets are UTF-16 code units: emoji before a finding count twice', () => {
    const text = "😀😀 My client's NHS number is 401 023 2137";
    const { result } = analyze(text);
    const nhs = result.findings.find((f) => f.type === 'NHS_NUMBER');
    assert.equal(nhs.start, text.indexOf('401'));
    assert.equal(nhs.start, 31);
    assert.equal(text.slice(nhs.start, nhs.end), '401 023 2137');
    assert.equal(result.findings[0].start, 5);
  });
});

describe('matching', () => {
  test('empty spans are skipped and a pattern that matches the empty string cannot loop', () => {
    const a = synthetic([['maybe', 'DIR', 'x*'], ['opt', 'DIR', '\\b(a?)b', { group: 1 }]]);
    const text = 'aaa xx b ab';
    assert.deepEqual(analyze(text, a).found, [['DIR', 'xx', 'high'], ['DIR', 'a', 'high']]);
  });

  test('a compiled rule gives the same matches when run twice (no stale lastIndex)', () => {
    const rule = compileRuleSet(mergePacks(CORE_FILES)).rules.find((r) => r.id === 'nhs_number.spaced');
    const text = 'NHS 401 023 2137 and 401-023-2137';
    const first = matchRule(rule, text).map((m) => [m.start, m.end]);
    assert.equal(first.length, 2);
    assert.deepEqual(matchRule(rule, text).map((m) => [m.start, m.end]), first);
  });

  test('terms written in capitals match only as written; other terms in any case', () => {
    assert.deepEqual(analyze('My client has MS').found.map((x) => x[1]), ['My client', 'MS']);
    assert.deepEqual(analyze('My client saw Ms Jones').found.map((x) => x[0]), ['CLIENT_REFERENCE', 'PERSON']);
    assert.deepEqual(analyze('My client has DEMENTIA').found.map((x) => x[1]), ['My client', 'DEMENTIA']);
  });

  test('non-ASCII letters keep their case, as in Python\'s ASCII mode', () => {
    assert.deepEqual(analyze('My client and her fiancé').found.map((x) => x[1]), ['My client', 'fiancé']);
    assert.deepEqual(analyze('My client and her FIANCÉ').found.map((x) => x[1]), ['My client']);
    assert.deepEqual(analyze('My client has GUILLAIN-BARRé').found.map((x) => x[1]), ['My client', 'GUILLAIN-BARRé']);
  });

  test('analyze() needs a string', () => {
    assert.throws(() => core.analyze(null), TypeError);
  });
});

describe('validators', () => {
  test('nhs_mod11', () => {
    assert.equal(nhs_mod11('401 023 2137'), true);
    assert.equal(nhs_mod11('401-023-2138'), false);
    assert.equal(nhs_mod11('401 023 213'), false);
    assert.equal(nhs_mod11('0000000000'), true, 'remainder 0: check digit 11 becomes 0');
    assert.equal(nhs_mod11('999 000 0018'), false, 'the check digit is right, but 999… is the test range');
    for (let last = 0; last <= 9; last += 1) {
      assert.equal(nhs_mod11(`100000001${last}`), false, 'weighted sum 12: check digit 10 is never issued');
    }
  });

  test('us_ssn', () => {
    assert.equal(us_ssn('219-09-9999'), true);
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '219-00-9999', '219-09-0000',
      '123-45-6789', '078-05-1120', '219-09-999']) {
      assert.equal(us_ssn(bad), false, bad);
    }
  });

  test('age_range', () => {
    assert.equal(age_range('aged 0'), true);
    assert.equal(age_range('120 years'), true);
    assert.equal(age_range('121 years'), false);
    assert.equal(age_range('45 and 200'), true, 'only the first run of digits counts');
    assert.equal(age_range('no digits'), false);
  });

  test('luhn', () => {
    assert.equal(luhn('4111 1111 1111 1111'), true);
    assert.equal(luhn('4111 1111 1111 1112'), false);
    assert.equal(luhn('4111 1111 1111'), false, 'fewer than 13 digits');
    assert.equal(luhn('4'.padEnd(20, '0')), false, 'more than 19 digits');
  });
});

describe('merging and compiling packs', () => {
  const pack = (name, more = {}) => ({ path: `${name}/pack.json`, data: { pack: { name, version: '1' }, ...more } });
  const entity = { category: 'quasi', label: 'X', explanation: 'x' };

  test('vocabularies with one id add up; allow terms are trimmed and lowercased', () => {
    const merged = mergePacks([
      pack('a', { vocabularies: [{ id: 'v', terms: ['one'] }], allow: [' Foo '] }),
      pack('b', { vocabularies: [{ id: 'v', terms: ['two'] }], allow: ['BAR'] }),
    ]);
    assert.deepEqual(merged.vocabularies.v, ['one', 'two']);
    assert.deepEqual(merged.allow, ['foo', 'bar']);
    assert.deepEqual(merged.packs.map((p) => p.name), ['a', 'b']);
  });

  test('settings, entities, rewrite and severity_overrides: later packs win, key by key', () => {
    const merged = mergePacks([
      pack('a', { settings: { context_scope: 'post', combination_threshold: 3 },
        entities: { X: entity, Y: entity }, rewrite: { a: 1, b: 1 }, severity_overrides: { X: 'low' } }),
      pack('b', { settings: { combination_threshold: 4 }, entities: { Y: { ...entity, label: 'Y2' } },
        rewrite: { b: 2 }, severity_overrides: { X: 'high' } }),
    ]);
    assert.deepEqual(merged.settings, { context_scope: 'post', combination_threshold: 4 });
    assert.deepEqual(merged.entities.Y.label, 'Y2');
    assert.deepEqual(merged.entities.X, entity);
    assert.deepEqual(merged.rewrite, { a: 1, b: 2 });
    assert.deepEqual(merged.severity_overrides, { X: 'high' });
  });

  test('broken packs are refused, naming the file', () => {
    const rule = (id, more = {}) => ({ id, entity: 'X', pattern: 'x', ...more });
    const cases = [
      [[pack('a', { entities: { X: entity }, rules: [rule('r.one')] }), pack('b', { rules: [rule('r.one')] })],
        /b\/pack.json: rule id 'r.one' is already used in a\/pack.json/],
      [[pack('a'), { path: 'a/more.json', data: { pack: { name: 'a', version: '2' } } }], /a second 'pack' header/],
      [[{ path: 'a/rules.json', data: {} }], /no file in this pack has a 'pack' header/],
    ];
    for (const [files, message] of cases) {
      assert.throws(() => mergePacks(files), (e) => e instanceof RulePackError && message.test(e.message));
    }
    const compiles = [
      [rule('r.one', { entity: 'NOPE' }), /entity 'NOPE' is not defined/],
      [rule('r.one', { pattern: '{@nope}' }), /unknown vocabulary \{@nope\}/],
      [rule('r.one', { exclude_vocabularies: ['nope'] }), /unknown vocabulary 'nope' in exclude_vocabularies/],
      [rule('r.one', { pattern: '(?<=a)b' }), /lookbehind/],
      [rule('r.one', { pattern: '(?i)b' }), /inline flags/],
      [rule('r.one', { pattern: '(a+)+' }), /catastrophic backtracking/],
      [rule('r.one', { pattern: '(a' }), /bad regular expression/],
      [rule('r.one', { group: 1 }), /group 1 does not exist/],
    ];
    for (const [raw, message] of compiles) {
      const merged = mergePacks([pack('a', { entities: { X: entity }, rules: [raw] })]);
      assert.throws(() => compileRuleSet(merged), (e) => e instanceof RulePackError && message.test(e.message),
        String(message));
    }
  });

  test('slot terms are tried longest first', () => {
    const files = [pack('a', { entities: { X: entity }, vocabularies: [{ id: 'v', terms: ['stroke', 'stroke rehab'] }],
      rules: [{ id: 'r.slot', entity: 'X', pattern: '\\b{@v}', ignore_case: true }] })];
    const rule = compileRuleSet(mergePacks(files)).rules[0];
    const text = 'Stroke  rehab; stroke';
    assert.deepEqual(matchRule(rule, text).map((m) => text.slice(m.start, m.end)), ['Stroke  rehab', 'stroke']);
  });

  test('a slot in a case-sensitive rule matches its terms with either first letter', () => {
    const files = [pack('a', { entities: { X: entity }, vocabularies: [{ id: 'v', terms: ['patient', 'service user'] }],
      rules: [{ id: 'r.slot', entity: 'X', pattern: '\\b{@v}\\b' }] })];
    const rule = compileRuleSet(mergePacks(files)).rules[0];
    const text = 'Patient, patient, PATIENT, Service   user, service user';
    assert.deepEqual(matchRule(rule, text).map((m) => text.slice(m.start, m.end)),
      ['Patient', 'patient', 'Service   user', 'service user']);
  });

  test('createOfflineAnalyzer reports the packs it runs', () => {
    const analyzer = createOfflineAnalyzer(compileRuleSet(mergePacks(CORE_FILES)));
    assert.deepEqual(analyzer.packs.map((p) => p.name), ['phiguard-core']);
  });
});

describe('collectPackFiles and the collect_rules CLI', () => {
  test('core files first, in sorted path order, then each extra pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-pack-'));
    try {
      mkdirSync(join(dir, 'rules', 'a'), { recursive: true });
      writeFileSync(join(dir, 'pack.json'), JSON.stringify({ pack: { name: 'org', version: '1' } }));
      writeFileSync(join(dir, 'rules', 'a-b.json'), JSON.stringify({ allow: ['second'] }));
      writeFileSync(join(dir, 'rules', 'a', 'x.json'), JSON.stringify({ allow: ['first'] }));
      writeFileSync(join(dir, 'notes.txt'), 'not a pack file');
      const files = collectPackFiles([dir]);
      assert.equal(files[0].path, 'core/entities.json');
      assert.ok(files.slice(0, CORE_FILES.length).every((f) => f.pack === 'core'));
      const label = files[files.length - 1].pack;
      // pathlib's order: part by part, so "a/x.json" sorts before "a-b.json".
      assert.deepEqual(files.slice(CORE_FILES.length).map((f) => f.path),
        [`${label}/pack.json`, `${label}/rules/a/x.json`, `${label}/rules/a-b.json`]);
      const corePaths = CORE_FILES.map((f) => f.path);
      assert.deepEqual(corePaths, [...corePaths].sort());

      const out = join(dir, 'rules.out.json');
      const script = fileURLToPath(new URL('../../../extension/scripts/collect_rules.mjs', import.meta.url));
      execFileSync(process.execPath, [script, '--out', out, '--pack', dir], { stdio: 'pipe' });
      const written = JSON.parse(readFileSync(out, 'utf8'));
      assert.deepEqual(written.map((f) => f.path), files.map((f) => f.path));
      const analyzer = createOfflineAnalyzerFromFiles(written);
      assert.deepEqual(analyzer.packs.map((p) => p.name), ['phiguard-core', 'org']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI fails on a pack it cannot use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-pack-'));
    try {
      writeFileSync(join(dir, 'rules.json'), JSON.stringify({ allow: ['x'] }));
      const script = fileURLToPath(new URL('../../../extension/scripts/collect_rules.mjs', import.meta.url));
      assert.throws(() => execFileSync(process.execPath, [script, '--out', join(dir, 'o.json'), '--pack', dir],
        { stdio: 'pipe' }), /no file in this pack has a 'pack' header/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
