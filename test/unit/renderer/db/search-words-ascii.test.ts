// wordsOf's ASCII scan gives exactly the words of the Unicode path (folding, splitting, length limits, the cap).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WORD_LENGTH, MAX_WORDS_PER_INCIDENT, MIN_WORD_LENGTH, wordsOf } from '../../../../renderer/db/search-words';

/** The words as the Unicode rules define them (what wordsOf did for every text before its ASCII scan). */
function unicodeWordsOf(text: string, into: Set<string> = new Set()): Set<string> {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length < MIN_WORD_LENGTH) continue;
    if (into.size >= MAX_WORDS_PER_INCIDENT) break;
    into.add(word.slice(0, MAX_WORD_LENGTH));
  }
  return into;
}

const asciiText = fc.string({ unit: fc.constantFrom(...'aZz09 .,:-_\n\t\u0001\u007fGenratorXY12345'.split('')), maxLength: 300 });

describe('wordsOf on ASCII text', () => {
  it('finds the same words in the same order as the Unicode rules', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect([...wordsOf(text)]).toEqual([...unicodeWordsOf(text)]);
      }),
      { numRuns: 500 },
    );
  });

  it('adds to the words it is given like the Unicode rules, mixed texts included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(asciiText, fc.string({ maxLength: 80 }), fc.constantFrom('Café RÉSUMÉ naïve', 'Straße ＡＢＣ１２', 'x y z'))), (texts) => {
        const fast = new Set<string>();
        const reference = new Set<string>();
        for (const text of texts) {
          wordsOf(text, fast);
          unicodeWordsOf(text, reference);
        }
        expect([...fast]).toEqual([...reference]);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts long words and keeps the per-incident cap', () => {
    const long = `${'a'.repeat(MAX_WORD_LENGTH + 8)} b cd`;
    expect([...wordsOf(long)]).toEqual(['a'.repeat(MAX_WORD_LENGTH), 'cd']);
    const many = Array.from({ length: MAX_WORDS_PER_INCIDENT + 50 }, (_, i) => `w${i}`).join(' ');
    const words = wordsOf(many);
    expect(words.size).toBe(MAX_WORDS_PER_INCIDENT);
    expect([...words]).toEqual([...unicodeWordsOf(many)]);
  });
});
