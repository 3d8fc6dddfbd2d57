// SHA-256 of a file assembled from its chunks, to verify an upload against the hash it was named by.
import { createHash } from 'node:crypto';

export function sha256OfChunks(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
