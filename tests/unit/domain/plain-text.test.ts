import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, LINK_REMOVED, withoutInvisibles, withoutLinks } from '../../../src/domain/plain-text.js';
import { INVISIBLE_CHARACTERS, markupIn, shownAs } from '../../support/inert-markdown.js';

const RLO = '\u202E';
const ZWSP = '\u200B';

describe('escapeMarkdown', () => {
  it('makes links, emphasis, headings, lists, code and HTML show as typed', () => {
    const samples = [
      '[PS 1234 Smith](https://evil.example/login)',
      '![x](https://evil.example/pixel.png)',
      '**URGENT** _call now_ ~~struck~~ `code`',
      '# North Team 3',
      '- first\n- second',
      '1. Green\n2) Orange',
      'North Team 3\n===',
      '---',
      '> quoted <b>bold</b> <https://evil.example> &#x202E;',
    ];
    for (const sample of samples) {
      const escaped = escapeMarkdown(sample);
      expect(markupIn(escaped), sample).toEqual([]);
      expect(shownAs(escaped), sample).toBe(sample);
    }
  });

  it('leaves ordinary names, references and figures exactly as they are', () => {
    for (const text of [
      'PS 1234 Smith',
      "PC 2002 O'Neill-Patel",
      'CR-26-004512',
      '87.5%',
      '+2.1 pts vs 31 Oct 2026',
      'North Team 3: 16 of 20 victims (80.0%)',
      '#12 priority',
      '-5 days',
    ]) {
      expect(escapeMarkdown(text)).toBe(text);
    }
  });

  it('takes out direction overrides and zero-width characters', () => {
    expect(escapeMarkdown(`PS 1234 ${RLO}htimS${ZWSP}`)).toBe('PS 1234 htimS');
    expect(withoutInvisibles(`a\u2066b\u2069c\u200Fd\uFEFF`)).toBe('abcd');
  });

  it('for any text, shows exactly the visible characters and leaves no markup', () => {
    const markdownish = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '*',
      '_',
      '`',
      '~',
      '<',
      '>',
      '&',
      '#',
      '-',
      '+',
      '=',
      '!',
      '\\',
      '1.',
      '2)',
      ' ',
      '\n',
      '\r',
      'a',
      'Z',
      '9',
      RLO,
      ZWSP,
      '\u2066',
      'https://x.example',
    );
    fc.assert(
      fc.property(
        fc.array(markdownish, { maxLength: 40 }).map((parts) => parts.join('')),
        (text) => {
          const escaped = escapeMarkdown(text);
          expect(markupIn(escaped)).toEqual([]);
          expect(shownAs(escaped)).toBe(withoutInvisibles(text));
          expect(INVISIBLE_CHARACTERS.test(escaped)).toBe(false);
        },
      ),
      { numRuns: 2000, seed: 20261210 },
    );
  });
});

describe('withoutLinks', () => {
  it('keeps the words of a link and drops where it goes', () => {
    expect(withoutLinks('Rang back, see [the call log](https://evil.example/log "title") and ![](https://evil.example/p.png)')).toBe(
      'Rang back, see the call log and ',
    );
    expect(withoutLinks('[PC [2] Khan](https://evil.example/(x))')).toBe('PC [2] Khan');
    expect(withoutLinks('see [the log][1]\n[1]: https://evil.example')).toBe('see the log\n');
  });

  it('replaces a bare or angle-bracketed address', () => {
    expect(withoutLinks('go to https://evil.example/login now, or www.evil.example, or <mailto:x@evil.example>')).toBe(
      `go to ${LINK_REMOVED} now, or ${LINK_REMOVED}, or ${LINK_REMOVED}`,
    );
  });

  it('leaves text without links alone, and takes out invisible characters', () => {
    expect(withoutLinks('Spoke to victim (by phone), update by 12:00 [tomorrow]')).toBe(
      'Spoke to victim (by phone), update by 12:00 [tomorrow]',
    );
    expect(withoutLinks(`Done ${RLO}kO`)).toBe('Done kO');
  });
});
