// The `sync:fetch-file` contract: only a lower-case SHA-256 goes in; bytes up to the attachment limit, or a message, come back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMIT_BYTES } from '../../../../shared/domain/attachment';
import { INVOKE_CHANNELS } from '../../../../shared/ipc/channels';
import { invokeContract } from '../../../../shared/ipc/contract';
import { MAX_FETCHED_FILE_BYTES } from '../../../../shared/ipc/schemas/sync';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('sync:fetch-file input', () => {
  const { input } = invokeContract['sync:fetch-file'];

  it('is a contract channel in the domain:verb style', () => {
    expect(INVOKE_CHANNELS).toContain('sync:fetch-file');
  });

  it('accepts 64 lower-case hex digits', () => {
    expect(input.safeParse(SHA).success).toBe(true);
    expect(input.safeParse('0'.repeat(64)).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['63 digits', SHA.slice(1)],
    ['65 digits', `${SHA}0`],
    ['upper-case', SHA.toUpperCase()],
    ['one upper-case digit', `${SHA.slice(0, 63)}F`],
    ['a non-hex letter', `${SHA.slice(0, 63)}g`],
    ['a path', `../../${SHA.slice(6)}`],
    ['a path with slashes', `${SHA.slice(0, 30)}/../${SHA.slice(0, 30)}`],
    ['a URL', `https://evil.example/${SHA}`],
    ['a query', `${SHA.slice(0, 62)}?x`],
    ['a trailing newline', `${SHA}\n`],
    ['a leading space', ` ${SHA.slice(1)}`],
    ['percent-encoding', `%2e%2e${SHA.slice(6)}`],
    ['full-width digits', '０'.repeat(64)],
    ['a huge string', 'a'.repeat(1_000_000)],
  ])('refuses %s', (_label, value) => {
    expect(input.safeParse(value).success).toBe(false);
  });

  it.each([undefined, null, 42, 0x1234, true, {}, [], [SHA], { sha256: SHA }, new String(SHA), new TextEncoder().encode(SHA)])('refuses the non-string %#', (value) => {
    expect(input.safeParse(value).success).toBe(false);
  });
});

describe('sync:fetch-file output', () => {
  const { output } = invokeContract['sync:fetch-file'];

  it('caps the bytes at the app’s attachment limit', () => {
    expect(MAX_FETCHED_FILE_BYTES).toBe(DEFAULT_ATTACHMENT_LIMIT_BYTES);
  });

  it('carries bytes (a Node Buffer is a Uint8Array too) or a plain message', () => {
    expect(output.safeParse({ ok: true, bytes: new Uint8Array([1, 2, 3]) }).success).toBe(true);
    expect(output.safeParse({ ok: true, bytes: new Uint8Array(0) }).success).toBe(true);
    expect(output.safeParse({ ok: true, bytes: Buffer.from('photo') }).success).toBe(true);
    expect(output.safeParse({ ok: false, message: 'HQ does not hold this whole file (yet).' }).success).toBe(true);
  });

  it('accepts exactly the limit and refuses one byte more', () => {
    expect(output.safeParse({ ok: true, bytes: new Uint8Array(MAX_FETCHED_FILE_BYTES) }).success).toBe(true);
    expect(output.safeParse({ ok: true, bytes: new Uint8Array(MAX_FETCHED_FILE_BYTES + 1) }).success).toBe(false);
  });

  it.each([
    ['no bytes', { ok: true }],
    ['a string of bytes', { ok: true, bytes: 'AQID' }],
    ['an array of numbers', { ok: true, bytes: [1, 2, 3] }],
    ['an ArrayBuffer', { ok: true, bytes: new ArrayBuffer(3) }],
    ['another typed array', { ok: true, bytes: new Uint16Array(3) }],
    ['a leaked token', { ok: true, bytes: new Uint8Array(1), token: 'secret' }],
    ['no message', { ok: false }],
    ['an empty message', { ok: false, message: '' }],
    ['a huge message', { ok: false, message: 'x'.repeat(10_000) }],
    ['bytes with a refusal', { ok: false, message: 'no', bytes: new Uint8Array(1) }],
    ['no ok', { bytes: new Uint8Array(1) }],
    ['bare bytes', new Uint8Array(1)],
  ])('refuses %s', (_label, value) => {
    expect(output.safeParse(value).success).toBe(false);
  });
});
