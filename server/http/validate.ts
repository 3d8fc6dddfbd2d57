// Strict request validation with zod: a failure becomes a 400 that names the first problems in plain words.
import type { z } from 'zod';
import { HqError } from './hq-error';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || what}: ${issue.message}`)
    .join('; ');
  throw new HqError('invalid-request', `The ${what} is not valid: ${problems}.`);
}
