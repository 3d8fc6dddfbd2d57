// Tests for categories.ts: the default category tree, flattening it, and typing paths with '/' or '›'.
import { describe, expect, it } from 'vitest';
import { type CategoryNode, DEFAULT_CATEGORIES, flattenCategoryPaths, formatPath, parsePath, PATH_SEPARATOR } from '../../../../shared/domain/categories';
import { pathSchema } from '../../../../shared/domain/incident';

describe('DEFAULT_CATEGORIES', () => {
  it('has the four DOMAIN.md roots with their children', () => {
    expect(DEFAULT_CATEGORIES.map((n) => n.name)).toEqual(['IT', 'Security', 'Facility', 'Safety']);
    const count = (name: string) => DEFAULT_CATEGORIES.find((n) => n.name === name)?.children?.length;
    expect([count('IT'), count('Security'), count('Facility'), count('Safety')]).toEqual([6, 6, 8, 3]);
  });

  it('every default path is a valid incident path and survives format → parse', () => {
    for (const path of flattenCategoryPaths(DEFAULT_CATEGORIES)) {
      expect(pathSchema.safeParse(path).success).toBe(true);
      expect(parsePath(formatPath(path))).toEqual(path);
    }
  });
});

describe('flattenCategoryPaths', () => {
  it('lists every path, parents before children, in tree order', () => {
    const tree: CategoryNode[] = [
      { name: 'Campus', children: [{ name: 'Block A', children: [{ name: 'Floor 1' }, { name: 'Floor 2' }] }, { name: 'Block B' }] },
      { name: 'Remote' },
    ];
    expect(flattenCategoryPaths(tree)).toEqual([
      ['Campus'],
      ['Campus', 'Block A'],
      ['Campus', 'Block A', 'Floor 1'],
      ['Campus', 'Block A', 'Floor 2'],
      ['Campus', 'Block B'],
      ['Remote'],
    ]);
  });

  it('flattens the default tree into 4 roots + 23 leaves', () => {
    const paths = flattenCategoryPaths(DEFAULT_CATEGORIES);
    expect(paths).toHaveLength(27);
    expect(paths[0]).toEqual(['IT']);
    expect(paths[1]).toEqual(['IT', 'Hardware']);
    expect(paths).toContainEqual(['Facility', 'Medical gas']);
    expect(paths.at(-1)).toEqual(['Safety', 'Accident']);
  });

  it('handles an empty tree and a prefix', () => {
    expect(flattenCategoryPaths([])).toEqual([]);
    expect(flattenCategoryPaths([{ name: 'HVAC' }], ['Facility'])).toEqual([['Facility', 'HVAC']]);
  });
});

describe('parsePath / formatPath', () => {
  it.each([
    ['Campus / Building A / Floor 2', ['Campus', 'Building A', 'Floor 2']],
    ['Campus › Building A › Floor 2', ['Campus', 'Building A', 'Floor 2']],
    ['Campus/Building A›Floor 2', ['Campus', 'Building A', 'Floor 2']],
    ['  Facility  /   HVAC  ', ['Facility', 'HVAC']],
    ['Facility // HVAC', ['Facility', 'HVAC']],
    ['/Facility/HVAC/', ['Facility', 'HVAC']],
    [' › / ', []],
    ['', []],
    ['Single', ['Single']],
  ])('parses %j', (text, path) => {
    expect(parsePath(text)).toEqual(path);
  });

  it('formats with the display separator', () => {
    expect(PATH_SEPARATOR).toBe(' › ');
    expect(formatPath(['Facility', 'HVAC'])).toBe('Facility › HVAC');
    expect(formatPath([])).toBe('');
  });
});
