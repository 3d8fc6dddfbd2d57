// Identifiers: UUIDv7 for records (time-ordered, unique across devices) and human incident numbers.
import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered unique id (UUIDv7) for incidents, timeline events and operations. */
export function newId(): string {
  return uuidv7();
}

/** Lower-case only: ids are compared and indexed as strings, so "0190…" and "0190…".toUpperCase() must not both exist. */
const CANONICAL_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The pattern alone decides: it is a strict subset of the uuid package's validate() (version 1–8, variant 8/9/a/b,
 * either case) and fixes the version digit at 7, so asking validate() and version() as well changed no answer and
 * cost two more regex runs per id (four ids in every operation HQ and a pulling device validate).
 */
export function isUuidV7(value: string): boolean {
  return typeof value === 'string' && CANONICAL_UUID_PATTERN.test(value);
}

// Crockford base32 without I, L, O, U: unambiguous when read aloud over a radio.
const PREFIX_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DEVICE_PREFIX_LENGTH = 4;
const DEVICE_PREFIX_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * A short device prefix drawn from random bytes once per device. Humans quote incident numbers
 * ("K7QM-0042"); the prefix keeps numbers unique across laptops that never talked to each other.
 */
export function makeDevicePrefix(randomBytes: Uint8Array): string {
  if (!ArrayBuffer.isView(randomBytes) || randomBytes.length < DEVICE_PREFIX_LENGTH) throw new Error('makeDevicePrefix needs at least 4 random bytes');
  let prefix = '';
  for (let i = 0; i < DEVICE_PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomBytes[i]! & 31];
  return prefix;
}

export function isDevicePrefix(value: string): boolean {
  return typeof value === 'string' && DEVICE_PREFIX_PATTERN.test(value);
}

/** "K7QM-0042": device prefix + the device's local counter, zero-padded to four digits (grows past 9999). */
export function formatIncidentNumber(devicePrefix: string, counter: number): string {
  if (!isDevicePrefix(devicePrefix)) throw new Error(`Invalid device prefix "${String(devicePrefix).slice(0, 20)}"`);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new Error(`Invalid incident counter ${counter}`);
  return `${devicePrefix}-${String(counter).padStart(4, '0')}`;
}

/** Exactly what formatIncidentNumber produces: four padded digits, or more without a leading zero; never 0000. */
export const INCIDENT_NUMBER_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-(?!0000$)(?:\d{4}|[1-9]\d{4,})$/;
