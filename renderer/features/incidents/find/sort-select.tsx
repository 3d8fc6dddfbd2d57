// The list order as a control in the Find bar: always shown (the sorted column may be hidden in a narrow list) and reachable by Tab.
import { useId } from 'react';
import { DEFAULT_SORT, type FindQuery, type FindSort } from '../../../db';
import { useFindStore } from '../../../store/find-store';
import './sort-select.css';

/** Every order the list supports, in plain words; the column headers sort the same way. */
export const SORT_CHOICES: readonly { sort: FindSort; name: string }[] = [
  { sort: { key: 'updatedAt', dir: 'desc' }, name: 'Updated, newest first' },
  { sort: { key: 'updatedAt', dir: 'asc' }, name: 'Updated, oldest first' },
  { sort: { key: 'createdAt', dir: 'desc' }, name: 'Recorded, newest first' },
  { sort: { key: 'createdAt', dir: 'asc' }, name: 'Recorded, oldest first' },
  { sort: { key: 'priority', dir: 'asc' }, name: 'Priority, highest first' },
  { sort: { key: 'priority', dir: 'desc' }, name: 'Priority, lowest first' },
  { sort: { key: 'slaDue', dir: 'asc' }, name: 'SLA, least time left first' },
  { sort: { key: 'slaDue', dir: 'desc' }, name: 'SLA, most time left first' },
  { sort: { key: 'number', dir: 'desc' }, name: 'Number, highest first' },
  { sort: { key: 'number', dir: 'asc' }, name: 'Number, lowest first' },
];

const valueOf = (sort: FindSort) => `${sort.key}:${sort.dir}`;

export function SortSelect({ query }: { query: FindQuery }) {
  const id = useId();
  const patchQuery = useFindStore((s) => s.patchQuery);
  const current = valueOf(query.sort ?? DEFAULT_SORT);
  function choose(value: string) {
    const sort = SORT_CHOICES.find((choice) => valueOf(choice.sort) === value)?.sort;
    if (!sort) return;
    // The default order is no sort at all: "All incidents" sorted back to it is "All incidents" again, not a custom filter.
    patchQuery({ sort: valueOf(sort) === valueOf(DEFAULT_SORT) ? undefined : sort });
  }
  return (
    <span className="sort-choice">
      <label htmlFor={id}>Sort</label>
      <select id={id} className="sort-select" value={current} onChange={(e) => choose(e.target.value)}>
        {SORT_CHOICES.map((choice) => <option key={valueOf(choice.sort)} value={valueOf(choice.sort)}>{choice.name}</option>)}
      </select>
    </span>
  );
}
