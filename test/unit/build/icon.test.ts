// Checks the PNG encoder round-trips and that build/icon.png and build/icon.svg are what scripts/make-icon.ts produces.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_SIZE, renderIconRgba, renderIconSvg } from '../../../scripts/icon/lantern-icon';
import { crc32, encodePng } from '../../../scripts/icon/png';

const buildDir = fileURLToPath(new URL('../../../build/', import.meta.url));

/** Reads back what encodePng writes: 8-bit RGBA, filter type 0 on every row. */
function decodePng(png: Buffer): { width: number; height: number; colourType: number; pixels: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, colourType: header[9] ?? -1, pixels };
}

const pixelAt = (pixels: Uint8Array, size: number, x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a small image', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng(3, 2, pixels));
    expect(decoded).toMatchObject({ width: 3, height: 2, colourType: 6 });
    expect([...decoded.pixels]).toEqual([...pixels]);
  });

  it('rejects a pixel buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 bytes/);
  });
});

describe('build/icon.png', () => {
  const decoded = decodePng(readFileSync(`${buildDir}icon.png`));

  it('is a 512×512 RGBA PNG', () => {
    expect(decoded).toMatchObject({ width: ICON_SIZE, height: ICON_SIZE, colourType: 6 });
    expect(ICON_SIZE).toBe(512);
  });

  it('is up to date with scripts/make-icon.ts (run it after changing the geometry)', () => {
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(renderIconRgba()))).toBe(true);
  }, 30_000);

  it('shows a warm flame on a dark-blue rounded square with transparent corners', () => {
    const { pixels } = decoded;
    expect(pixelAt(pixels, ICON_SIZE, 2, 2)[3]).toBe(0); // outside the rounded corner
    const [r, , b, a] = pixelAt(pixels, ICON_SIZE, 256, 300) as [number, number, number, number]; // inside the flame
    expect(a).toBe(255);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(r - 60);
    const [br, , bb, ba] = pixelAt(pixels, ICON_SIZE, 60, 256) as [number, number, number, number]; // background
    expect(ba).toBe(255);
    expect(bb).toBeGreaterThan(br);
  });
});

describe('build/icon.svg', () => {
  it('is the same drawing as the PNG, generated from the same geometry', () => {
    const svg = readFileSync(`${buildDir}icon.svg`, 'utf8');
    expect(svg).toBe(renderIconSvg());
    expect(svg).toContain('viewBox="0 0 512 512"');
  });
});
