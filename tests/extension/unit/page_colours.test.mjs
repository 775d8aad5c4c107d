// The contrast maths of content/page_colours.js against WCAG 2's published figures, and the
// underline colours it settles on for light, dark and mid-grey backgrounds.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseColour, toHex, luminance, contrastRatio, composite, ensureContrast, isDark, underlineColours, categoryColours, panelBackground } from '../../../extension/src/content/page_colours.js';

const hex = (h) => parseColour(h);

describe('parseColour', () => {
  const cases = [
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['#1877f2', { r: 24, g: 119, b: 242, a: 1 }],
    ['rgb(36, 37, 38)', { r: 36, g: 37, b: 38, a: 1 }],
    ['rgba(0, 0, 0, 0)', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgb(10 20 30 / 50%)', { r: 10, g: 20, b: 30, a: 0.5 }],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(parseColour(text), expected));
  it('refuses what is not a colour', () => {
    assert.equal(parseColour('transparent'), null);
    assert.equal(parseColour('rgb(1, 2)'), null);
  });
});

describe('luminance and contrastRatio (WCAG 2)', () => {
  it('black on white is 21:1, a colour on itself 1:1', () => {
    assert.equal(contrastRatio(hex('#000'), hex('#fff')), 21);
    assert.equal(contrastRatio(hex('#777'), hex('#777')), 1);
  });
  it('matches known pairs', () => {
    assert.equal(luminance(hex('#fff')), 1);
    assert.ok(Math.abs(contrastRatio(hex('#767676'), hex('#fff')) - 4.54) < 0.01, '#767676 is the lightest grey with 4.5:1 on white');
    // The reviewer's figures for the old dark-mode underlines on a white editor.
    assert.ok(Math.abs(contrastRatio(hex('#e3b341'), hex('#fff')) - 1.9) < 0.1);
    assert.ok(Math.abs(contrastRatio(hex('#ff7b72'), hex('#fff')) - 2.5) < 0.1);
  });
  it('composites translucent colours over the one below', () => {
    assert.deepEqual(composite({ r: 0, g: 0, b: 0, a: 0.5 }, hex('#fff')), { r: 127.5, g: 127.5, b: 127.5, a: 1 });
  });
});

describe('ensureContrast and underlineColours', () => {
  it('keeps a colour that already has the contrast', () => {
    assert.equal(toHex(ensureContrast(hex('#c4231c'), hex('#fff'), 3)), '#c4231c');
  });
  it('darkens on light, lightens on dark, by just enough', () => {
    const onWhite = ensureContrast(hex('#e3b341'), hex('#fff'), 3);
    assert.ok(contrastRatio(onWhite, hex('#fff')) >= 3 && contrastRatio(onWhite, hex('#fff')) < 3.1);
    const onBlack = ensureContrast(hex('#3a3f47'), hex('#000'), 3);
    assert.ok(contrastRatio(onBlack, hex('#000')) >= 3 && luminance(onBlack) > luminance(hex('#3a3f47')));
  });
  for (const background of ['#ffffff', '#f0f2f5', '#242526', '#18191a', '#000000', '#808080', '#1877f2']) {
    it(`every underline has at least 3:1 on ${background}`, () => {
      const colours = underlineColours(hex(background));
      assert.deepEqual(Object.keys(colours).sort(), ['high', 'low', 'medium']);
      for (const [severity, colour] of Object.entries(colours)) {
        const ratio = contrastRatio(hex(colour), hex(background));
        assert.ok(ratio >= 3, `${severity} ${colour} on ${background}: ${ratio.toFixed(2)}`);
      }
    });
  }
  for (const background of ['#ffffff', '#f0f2f5', '#242526', '#18191a', '#000000', '#808080', '#1877f2']) {
    it(`every category's underline has at least 3:1 on ${background}, and each its own colour`, () => {
      const colours = categoryColours(hex(background));
      assert.deepEqual(Object.keys(colours).sort(), ['detail', 'identifier', 'story', 'topic']);
      for (const [group, colour] of Object.entries(colours)) {
        const ratio = contrastRatio(hex(colour), hex(background));
        assert.ok(ratio >= 3, `${group} ${colour} on ${background}: ${ratio.toFixed(2)}`);
      }
      assert.equal(new Set(Object.values(colours)).size, 4, `four distinct colours: ${JSON.stringify(colours)}`);
    });
    it(`every category colour on ${background} has at least 3:1 on the cards too (their swatches and edges)`, () => {
      const card = panelBackground(hex(background));
      assert.equal(isDark(card), isDark(hex(background)), 'a dark page has dark cards');
      for (const [group, colour] of Object.entries(categoryColours(hex(background)))) {
        const ratio = contrastRatio(hex(colour), card);
        assert.ok(ratio >= 3, `${group} ${colour} on the card ${toHex(card)}: ${ratio.toFixed(2)}`);
      }
    });
  }
  it('tells dark pages from light ones', () => {
    assert.equal(isDark(hex('#242526')), true);
    assert.equal(isDark(hex('#f0f2f5')), false);
  });
});
