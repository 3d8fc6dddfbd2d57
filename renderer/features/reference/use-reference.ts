// Reference lists for forms: the stored lists, or the seeded defaults while they load (forms never wait for choices).
import { DEFAULT_REFERENCE, REFERENCE_KINDS, useReferenceLists, type ReferenceLists } from '../../db';

const DEFAULT_LISTS = Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, [...DEFAULT_REFERENCE[kind]]])) as ReferenceLists;

export function useReference(): ReferenceLists {
  return useReferenceLists() ?? DEFAULT_LISTS;
}
