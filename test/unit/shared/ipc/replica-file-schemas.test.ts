// The replica file methods on the IPC contract: bounded chunk lengths, lower-case SHA-256 names, whole non-negative offsets.
import { describe, expect, it } from 'vitest';
import { eventContract } from '../../../../shared/ipc/contract';
import { replicaCallSchema, replicaReplySchema, replicaResultSchemas } from '../../../../shared/ipc/schemas/replica';
import { MAX_PENDING_FILES_PER_CALL } from '../../../../shared/sync/engine/file-upload';
import { MAX_FILE_CHUNK_BYTES } from '../../../../shared/sync/wire';

const SHA = 'ab'.repeat(32);
const call = (method: string, args: unknown[]) => ({ callId: 'call-0001', method, args });
const messages = (input: unknown) => {
  const parsed = replicaCallSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
};

describe('replica:call file methods', () => {
  it('accepts well-formed calls (and the event contract is the same schema)', () => {
    for (const good of [
      call('pendingFiles', [1]),
      call('pendingFiles', [MAX_PENDING_FILES_PER_CALL]),
      call('readFileChunk', [SHA, 0, MAX_FILE_CHUNK_BYTES]),
      call('readFileChunk', [SHA, 5_000_000, 0]),
      call('markFileUploaded', [SHA]),
    ]) {
      expect(replicaCallSchema.safeParse(good).success).toBe(true);
      expect(eventContract['replica:call'].safeParse(good).success).toBe(true);
    }
  });

  it.each([
    ['an oversized chunk length', call('readFileChunk', [SHA, 0, MAX_FILE_CHUNK_BYTES + 1]), /args\.2: Too big/],
    ['a negative offset', call('readFileChunk', [SHA, -1, 10]), /args\.1: Too small/],
    ['a fractional offset', call('readFileChunk', [SHA, 0.5, 10]), /args\.1: .*expected int/],
    ['a negative length', call('readFileChunk', [SHA, 0, -5]), /args\.2: Too small/],
    ['an offset as text', call('readFileChunk', [SHA, '0', 10]), /args\.1: .*number/i],
    ['an upper-case hash', call('readFileChunk', [SHA.toUpperCase(), 0, 10]), /args\.0: Expected a lower-case SHA-256/],
    ['a short hash', call('markFileUploaded', ['abc']), /args\.0: Expected a lower-case SHA-256/],
    ['a path as hash', call('markFileUploaded', [`../../${'a'.repeat(58)}`]), /args\.0: Expected a lower-case SHA-256/],
    ['an object as hash', call('markFileUploaded', [{ toString: () => SHA }]), /args\.0/],
    ['extra arguments', call('markFileUploaded', [SHA, 'more']), /args/],
    ['too many files asked for', call('pendingFiles', [MAX_PENDING_FILES_PER_CALL + 1]), /args\.0: Too big/],
    ['zero files asked for', call('pendingFiles', [0]), /args\.0: Too small/],
    ['an infinite offset', call('readFileChunk', [SHA, Number.POSITIVE_INFINITY, 10]), /args\.1/],
  ])('refuses %s with an issue naming the argument', (_label, input, message) => {
    expect(messages(input)).toMatch(message);
  });
});

describe('replica file results', () => {
  it('takes a Uint8Array (a Buffer is one) up to one chunk, and nothing else', () => {
    expect(replicaResultSchemas.readFileChunk.safeParse(new Uint8Array(10)).success).toBe(true);
    expect(replicaResultSchemas.readFileChunk.safeParse(Buffer.alloc(MAX_FILE_CHUNK_BYTES)).success).toBe(true);
    expect(replicaResultSchemas.readFileChunk.safeParse(new Uint8Array(MAX_FILE_CHUNK_BYTES + 1)).success).toBe(false);
    expect(replicaResultSchemas.readFileChunk.safeParse([1, 2, 3]).success).toBe(false);
    expect(replicaResultSchemas.readFileChunk.safeParse('AQID').success).toBe(false);
    expect(replicaResultSchemas.readFileChunk.safeParse(new ArrayBuffer(3)).success).toBe(false);
    expect(replicaResultSchemas.readFileChunk.safeParse({ 0: 1, length: 1, byteLength: 1 }).success).toBe(false);
  });

  it('takes a bounded list of well-named files with whole sizes', () => {
    expect(replicaResultSchemas.pendingFiles.safeParse([{ sha256: SHA, size: 10 }]).success).toBe(true);
    for (const bad of [
      [{ sha256: SHA, size: -1 }],
      [{ sha256: SHA, size: 1.5 }],
      [{ sha256: 'x', size: 1 }],
      [{ sha256: SHA, size: 1, blob: 'extra' }],
      Array.from({ length: MAX_PENDING_FILES_PER_CALL + 1 }, () => ({ sha256: SHA, size: 1 })),
    ]) {
      expect(replicaResultSchemas.pendingFiles.safeParse(bad).success).toBe(false);
    }
    expect(replicaResultSchemas.markFileUploaded.safeParse(null).success).toBe(true);
    expect(replicaResultSchemas.markFileUploaded.safeParse(true).success).toBe(false);
  });

  it('the reply envelope carries bytes through untouched (main checks them against the method’s result schema)', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const parsed = replicaReplySchema.parse({ callId: 'call-0001', ok: true, result: bytes });
    expect(parsed.ok && parsed.result).toBe(bytes);
  });
});
