// describeIssues: short, bounded, and free of the hostile values that caused the issues.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../../../main/ipc/describe-issues';

function issuesOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('describeIssues', () => {
  it('names the path and what was expected', () => {
    const schema = z.strictObject({ incident: z.strictObject({ title: z.string().max(5) }) });
    expect(describeIssues(issuesOf(schema, { incident: { title: 7 } }))).toBe('incident.title: expected string');
    expect(describeIssues(issuesOf(schema, { incident: { title: 'toolong' } }))).toBe('incident.title: too big (max 5)');
  });

  it('caps the number of issues', () => {
    const schema = z.strictObject({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    expect(describeIssues(issuesOf(schema, {}))).toMatch(/; and 2 more$/);
  });

  it('cuts and sanitises hostile keys', () => {
    const schema = z.strictObject({});
    const key = `${'"<img src=x onerror=alert(1)>'.repeat(1000)}`;
    const message = describeIssues(issuesOf(schema, { [key]: 1, b: 2, c: 3, d: 4 }));
    expect(message).not.toMatch(/[<>"=]/);
    expect(message.length).toBeLessThan(200);
    expect(message).toContain(', …');
  });

  it('never repeats the rejected value', () => {
    const secretValue = 'javascript:steal()';
    expect(describeIssues(issuesOf(z.literal('ok'), secretValue))).not.toContain('steal');
    expect(describeIssues(issuesOf(z.string().regex(/^a$/), secretValue))).not.toContain('steal');
  });
});
