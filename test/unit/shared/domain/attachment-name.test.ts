// safeAttachmentName / cleanAttachmentName with hostile names: no control or bidi character reaches the screen or a download name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentRefSchema, cleanAttachmentName, HIDDEN_CHARACTERS_MARK, safeAttachmentName } from '../../../../shared/domain';

const MARK = HIDDEN_CHARACTERS_MARK;

/** Every character the function must take out, listed one by one (not through the function's own pattern). */
const HIDDEN: string[] = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  ...Array.from({ length: 0xa0 - 0x7f }, (_, index) => String.fromCharCode(0x7f + index)),
  '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029',
];
const hiddenSet = new Set(HIDDEN);
const containsHidden = (text: string) => [...text].some((char) => hiddenSet.has(char));

const hiddenChar = fc.constantFrom(...HIDDEN);
const visibleChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((char) => !containsHidden(char) && char !== MARK && char.trim() !== '');
/** Names mixing visible text and hidden characters, any order, up to the stored limit. */
const hostileName = fc.array(fc.oneof(visibleChar, hiddenChar), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));

describe('safeAttachmentName', () => {
  it.each([
    ['a right-to-left override disguising an .exe', 'invoice\u202Efdp.exe', `invoice${MARK}fdp.exe`],
    ['an override closed by a pop', 'photo\u202Egpj\u202C.exe', `photo${MARK}gpj${MARK}.exe`],
    ['isolates and marks in a run', 'report\u2067\u200F\u2069.pdf', `report${MARK}.pdf`],
    ['a left-to-right embedding', '\u202Aname.txt', `${MARK}name.txt`],
    ['an Arabic letter mark', 'a\u061Cb.txt', `a${MARK}b.txt`],
    ['a newline and a tab', 'first\nsecond\t.txt', `first${MARK}second${MARK}.txt`],
    ['NUL, BEL and ESC', 'a\u0000b\u0007c\u001B[31m.txt', `a${MARK}b${MARK}c${MARK}[31m.txt`],
    ['DEL and C1 controls (NEL, CSI)', 'a\u007Fb\u0085c\u009B.txt', `a${MARK}b${MARK}c${MARK}.txt`],
    ['a line separator', 'a\u2028b.txt', `a${MARK}b.txt`],
  ])('marks %s', (_case, name, expected) => {
    expect(safeAttachmentName(name)).toBe(expected);
  });

  it.each([
    ['a plain name', 'IMG_0001.jpg'],
    ['spaces inside', 'Site plan v2 (final).pdf'],
    ['Hebrew', 'דוח אירוע.pdf'],
    ['Arabic', 'تقرير الحادث.pdf'],
    ['a family emoji (zero-width joiners)', '👨‍👩‍👧 photo.jpg'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم.txt'],
    ['accents', 'Café résumé.docx'],
  ])('keeps %s as it is', (_case, name) => {
    expect(safeAttachmentName(name)).toBe(name);
  });

  it('shows a name left blank as "file"', () => {
    expect(safeAttachmentName('   ')).toBe('file');
    expect(safeAttachmentName('')).toBe('file');
  });

  it('never lets a hidden character through, whatever the name', () => {
    fc.assert(fc.property(hostileName, (name) => !containsHidden(safeAttachmentName(name))));
  });

  it('keeps every visible character, in order, and marks each run of hidden ones once', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        fc.pre(name.trim() !== '');
        const shown = safeAttachmentName(name);
        const visible = [...name].filter((char) => !hiddenSet.has(char)).join('');
        expect(shown.split(MARK).join('')).toBe(visible);
        expect(shown).not.toContain(MARK + MARK);
        expect(shown.length).toBeLessThanOrEqual(name.length);
      }),
    );
  });

  it('changes nothing the second time', () => {
    fc.assert(fc.property(fc.oneof(hostileName, fc.string()), (name) => safeAttachmentName(safeAttachmentName(name)) === safeAttachmentName(name)));
  });

  it('leaves the synced schema accepting such names (data from other devices still loads)', () => {
    const ref = { sha256: 'a'.repeat(64), name: 'invoice\u202Efdp.exe', type: 'application/pdf', size: 10 };
    expect(attachmentRefSchema.parse(ref).name).toBe('invoice\u202Efdp.exe');
  });
});

describe('cleanAttachmentName (a file picked on this device)', () => {
  it('stores the marked name, trimmed', () => {
    expect(cleanAttachmentName('  invoice\u202Efdp.exe ')).toBe(`invoice${MARK}fdp.exe`);
    expect(cleanAttachmentName('\u202E')).toBe(MARK);
    expect(cleanAttachmentName(' \n ')).toBe(MARK);
    expect(cleanAttachmentName('   ')).toBe('file');
  });

  it('stores names that pass the synced schema and show unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(hostileName, fc.string({ maxLength: 400 })), (name) => {
        const stored = cleanAttachmentName(name);
        expect(attachmentRefSchema.shape.name.safeParse(stored).success).toBe(true);
        expect(safeAttachmentName(stored)).toBe(stored);
      }),
    );
  });
});
