// Turns a zod error into a short, bounded message that never echoes the hostile values themselves.
import type { z } from 'zod';

const MAX_ISSUES = 3;
const MAX_KEY_LENGTH = 32;

/** Keys come from the page (`{"<1 MB of junk>": 1}`), so they are cut and stripped to safe characters. */
function safeKey(key: PropertyKey): string {
  const text = typeof key === 'symbol' ? 'symbol' : String(key);
  const cleaned = text.replace(/[^\w$-]/g, '?');
  return cleaned.length > MAX_KEY_LENGTH ? `${cleaned.slice(0, MAX_KEY_LENGTH)}…` : cleaned;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input';
  return path
    .slice(0, 4)
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : safeKey(segment)))
    .join('.');
}

// Uses only what our own schema put in the issue (codes, expected types, limits), not zod's message
// text, because some messages quote the offending keys or values.
function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'too_big':
      return `${where}: too big (max ${String(issue.maximum)})`;
    case 'too_small':
      return `${where}: too small (min ${String(issue.minimum)})`;
    case 'unrecognized_keys':
      return `${where}: unexpected key(s) ${issue.keys.slice(0, 3).map(safeKey).join(', ')}${issue.keys.length > 3 ? ', …' : ''}`;
    default:
      return `${where}: ${issue.code}`;
  }
}

export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES).map(formatIssue);
  const hidden = error.issues.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
}
