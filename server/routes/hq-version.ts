// This HQ's release (package.json "version"), for the status page: operators check it before updating laptops.
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown'; // packaged differently: the page still answers
  }
}

export const HQ_VERSION = readVersion();
