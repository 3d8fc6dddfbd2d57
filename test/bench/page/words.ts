// Synthetic vocabulary for search benchmarks: deterministic pseudo-words so every run seeds the same text.

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'sa', 'no', 'vi', 'de', 'pa', 'gu', 'fe', 'zo', 'bi', 'ha', 'ne'];

/** A small seeded PRNG (same sequence every run). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` distinct pseudo-words of 3 syllables (e.g. "kalomi"); none is a prefix of another (all 6 letters). */
export function vocabulary(count: number): string[] {
  const words: string[] = [];
  for (let i = 0; words.length < count; i++) {
    const a = SYLLABLES[i % 16]!;
    const b = SYLLABLES[Math.floor(i / 16) % 16]!;
    const c = SYLLABLES[Math.floor(i / 256) % 16]!;
    words.push(`${a}${b}${c}`);
  }
  return words;
}

/** `n` words drawn from `words`, skewed towards the front of the list (some words common, most rare). */
export function pickWords(words: readonly string[], n: number, next: () => number): string[] {
  return Array.from({ length: n }, () => words[Math.floor(next() ** 2 * words.length)]!);
}
