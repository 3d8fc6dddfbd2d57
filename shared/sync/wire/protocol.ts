// Sync protocol constants shared by devices and HQ: version, header, paths and size limits (docs/sync-protocol.md).

/**
 * The protocol this build speaks. Bump when a request or response changes meaning.
 * 2: pushes may carry `answeredBelowIn` (an HQ of protocol 1 would refuse the unknown field, so it answers 426).
 */
export const PROTOCOL_VERSION = 2;
/** The oldest protocol HQ still serves; older clients are told to update (426 client-outdated). */
export const MIN_PROTOCOL_VERSION = 1;
/** Request header carrying the client's protocol version on every device request. */
export const PROTOCOL_HEADER = 'Lantern-Protocol';

/** At most this many operations in one push. */
export const MAX_PUSH_OPS = 500;
/** Largest push body HQ accepts (bytes). */
export const MAX_PUSH_BODY_BYTES = 5 * 1024 * 1024;
/** Largest body of any other JSON request (bytes). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
/** Largest file chunk in one PUT (bytes); devices should send chunks of FILE_CHUNK_BYTES. */
export const MAX_FILE_CHUNK_BYTES = 1024 * 1024;
export const FILE_CHUNK_BYTES = 512 * 1024;
/** Largest file HQ stores (bytes). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Pull page size: default and maximum. */
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/** Read API page size: default and maximum. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;
/** HQ caps operation stamps more than this far ahead of its own clock to its own clock. */
export const MAX_FUTURE_HLC_MS = 60 * 60 * 1000;

/** URL paths of the HQ API (v1). */
export const HQ_PATHS = {
  status: '/',
  enroll: '/v1/enroll',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  file: (sha256: string) => `/v1/files/${sha256}`,
  fileContent: (sha256: string) => `/v1/files/${sha256}/content`,
  incidents: '/v1/incidents',
  incident: (id: string) => `/v1/incidents/${id}`,
  enrollments: '/v1/admin/enrollments',
  devices: '/v1/admin/devices',
  revokeDevice: (id: string) => `/v1/admin/devices/${encodeURIComponent(id)}/revoke`,
  missingFiles: '/v1/admin/files/missing',
  rejected: '/v1/admin/rejected',
  epoch: '/v1/admin/epoch',
} as const;
