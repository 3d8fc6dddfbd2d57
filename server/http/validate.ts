// Strict request validation with zod: a failure becomes a 400 that names the first problems in plain words, briefly.
import type { z } from 'zod';
import { HqError } from './hq-error';

const MAX_ISSUES = 3;
const MAX_PATH_CHARS = 80;
const MAX_ISSUE_CHARS = 160;
const MAX_KEYS_NAMED = 3;
const MAX_KEY_CHARS = 40;

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  // A Buffer or typed array is "an object" to zod, whose strict-object check would then walk every byte index
  // (a 1 MiB body: ~0.3 s of event loop and one issue per byte). Only JSON routes validate bodies, so refuse bytes at once.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new HqError('invalid-request', `The ${what} is not valid: expected a JSON object.`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${clip(issue.path.map(String).join('.'), MAX_PATH_CHARS) || what}: ${describeIssue(issue)}`)
    .join('; ');
  const more = parsed.error.issues.length > MAX_ISSUES ? ` (and ${parsed.error.issues.length - MAX_ISSUES} more problems)` : '';
  throw new HqError('invalid-request', `The ${what} is not valid: ${problems}${more}.`);
}

/** zod lists every unknown key in one message; name a few, shortened, so an answer never echoes a whole request. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((key) => JSON.stringify(clip(key, MAX_KEY_CHARS)));
    const rest = issue.keys.length - named.length;
    return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  }
  return clip(issue.message, MAX_ISSUE_CHARS);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
