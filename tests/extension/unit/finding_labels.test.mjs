// Which colour group each finding type is underlined in: the entity's own `underline` field in
// shared_rules, else its category (shared_rules/SPEC.md, "Underline colours").

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import core from '../../../shared_rules/core/entities.json' with { type: 'json' };
import { underlineGroupOf, categoryOf, UNDERLINE_GROUPS } from '../../../extension/src/content/finding_labels.js';

describe('underlineGroupOf', () => {
  for (const [type, group] of [
    ['PERSON', 'identifier'],
    ['NHS_NUMBER', 'identifier'],
    ['EMAIL_ADDRESS', 'identifier'],
    ['AGE', 'detail'],
    ['LOCATION', 'detail'],
    ['PLACE', 'detail'],
    ['HEALTH_CONDITION', 'topic'],
    ['CLIENT_REFERENCE', 'story'],
    ['STORY_DETAIL', 'story'],
    ['NEWS_EVENT', 'story'],
  ]) {
    it(`${type} is underlined as ${group}`, () => assert.equal(underlineGroupOf(type), group));
  }
  it('an entity\'s own underline field beats its category', () => {
    assert.equal(categoryOf('STORY_DETAIL'), 'quasi');
    assert.equal(core.entities.STORY_DETAIL.underline, 'story');
  });
  it('every core entity lands in one of the groups', () => {
    for (const type of Object.keys(core.entities)) assert.ok(UNDERLINE_GROUPS.includes(underlineGroupOf(type)), type);
  });
  it('an unknown type is a detail', () => assert.equal(underlineGroupOf('SOMETHING_NEW'), 'detail'));
});
