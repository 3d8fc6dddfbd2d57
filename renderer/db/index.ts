// Public API of the local store: the UI imports from here, never from the files behind it.
export { DEFAULT_DB_NAME, LanternDb, openLanternDb } from './database';
export { SCHEMA_VERSIONS, type SchemaVersion } from './schema';
export { ensureDevice, getDevice, type DeviceIdentity } from './device';
export { DEFAULT_AUTHOR, getCurrentUser, setCurrentUser } from './current-user';
export { systemClock, type Clock } from './clock';
export type { RepoError, RepoErrorCode, RepoResult } from './repo-result';
export { createIncidentRepository, type IncidentRepository } from './incident-repository';
export {
  countPendingOutbox,
  DEFAULT_PAGE_SIZE,
  getIncident,
  getTimeline,
  listIncidentsPage,
  MAX_PAGE_SIZE,
  nextPageCursor,
  type IncidentPageQuery,
  type PageCursor,
} from './queries';
export { discardDraft, getDraft, listDrafts, saveDraft, setDraftAside, type Draft } from './drafts';
export {
  describeStorageError,
  estimateStorage,
  isQuotaError,
  requestPersistentStorage,
  STORAGE_ERROR_MESSAGE,
  STORAGE_FULL_MESSAGE,
  type PersistenceResult,
  type StorageErrorDescription,
  type StorageEstimate,
} from './storage';
export { LanternDbContext, LanternDbProvider, useLanternDb } from './db-context';
export { useAnyIncidentOnDevice, useCurrentUser, useDrafts, useFindIncidents, useIncident, useIncidentCount, useIncidentsPage, usePendingOutboxCount, useReferenceLists, useSavedViews, useTimeline } from './live';
export { DEFAULT_SORT, findIncidents, findIncidentsPage, SORT_KEYS, type FindQuery, type PageBounds, type SortDirection, type SortKey } from './find-query';
export { keyString, listOrder, type FindSort, type ListKey, type ListOrder } from './find-order';
export { countIncidents } from './find-count';
export { addReferenceValue, DEFAULT_REFERENCE, readReferenceList, readReferenceLists, REFERENCE_KINDS, type ReferenceKind, type ReferenceLists, type ReferenceRow } from './reference';
export { deleteView, listSavedViews, saveView, type SavedViewRow } from './saved-views';
export { MAX_WORDS_PER_INCIDENT, queryWords, wordsOf, wordsOfSearchKeys } from './search-words';
export { eventText, fromIncidentRow, incidentRowAfter, toIncidentRow, type IncidentRow } from './incident-row';
export type { AttachmentRow, DraftRow, OutboxRow, OutboxState, TimelineRow } from './rows';
export type { JsonObject, JsonValue } from './json';
