// Default category tree (DOMAIN.md); stored as reference data and editable, so this is only the seed.
export interface CategoryNode {
  readonly name: string;
  readonly children?: readonly CategoryNode[];
}

export const DEFAULT_CATEGORIES: readonly CategoryNode[] = [
  {
    name: 'IT',
    children: ['Hardware', 'Software', 'Network', 'Database', 'Access & identity', 'Telephony'].map((name) => ({ name })),
  },
  {
    name: 'Security',
    children: ['Malware', 'Phishing', 'Unauthorized access', 'Data breach', 'Lost or stolen device', 'Denial of service'].map(
      (name) => ({ name }),
    ),
  },
  {
    name: 'Facility',
    children: [
      'Power & utility failure',
      'Generator & UPS',
      'HVAC',
      'Water & plumbing',
      'Medical gas',
      'Elevators & lifts',
      'Fire & life safety',
      'Structural',
    ].map((name) => ({ name })),
  },
  { name: 'Safety', children: ['Near miss', 'Hazard', 'Accident'].map((name) => ({ name })) },
];

/** Every path in the tree, parents before children: [["IT"], ["IT","Hardware"], …]. */
export function flattenCategoryPaths(nodes: readonly CategoryNode[], parent: readonly string[] = []): string[][] {
  const out: string[][] = [];
  for (const node of nodes) {
    const path = [...parent, node.name];
    out.push(path);
    if (node.children) out.push(...flattenCategoryPaths(node.children, path));
  }
  return out;
}

/** Shown between path segments; '/' and '›' are both accepted when typing a path. */
export const PATH_SEPARATOR = ' › ';

export function formatPath(path: readonly string[]): string {
  return path.join(PATH_SEPARATOR);
}

/** Parses "Campus / Building A / Floor 2" (or with ›) into trimmed, non-empty segments. */
export function parsePath(text: string): string[] {
  return text
    .split(/[/›]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
