// One list in the editor: the values in order (a tree for categories and sites), the Add field and Reset; runs each edit, shows its outcome and puts focus where the work goes on.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PATH_SEPARATOR } from '../../../shared/domain';
import { useLanternDb, useSavedViews } from '../../db';
import {
  addListValue,
  DEFAULT_REFERENCE,
  moveListValue,
  planRename,
  ReferenceEditError,
  referenceSubtree,
  referenceTree,
  removeListValue,
  renameListValue,
  resetList,
  type ReferenceEditCode,
  type ReferenceKind,
  type ReferenceNode,
} from '../../db/reference';
import { ListsAddForm } from './lists-add-form';
import { ListsConfirm } from './lists-confirm';
import { countOf, LIST_TITLES } from './lists-kinds';
import { textMatches } from './lists-matches';
import { ListsRow, type ListsMode, type RowContext, type RowControl } from './lists-row';
import { useSlaPolicySet } from './use-sla-policies';

type Outcome<T> = { ok: true; value: T } | { ok: false; code: ReferenceEditCode | 'storage'; message: string };

/** Where focus goes once the shown list satisfies `when` (the live query has caught up with the write). */
interface FocusRequest {
  /** null: the Add field. */
  value: string | null;
  control: RowControl;
  when: (values: readonly string[]) => boolean;
  /** A row to scroll into view (a value just added). */
  reveal?: string;
}

const always = () => true;

export function ListsPanel({ kind, values }: { kind: ReferenceKind; values: readonly string[] }) {
  const db = useLanternDb();
  const sources = { views: useSavedViews(), slaPolicies: useSlaPolicySet() };
  const title = LIST_TITLES[kind];
  const tree = useMemo(() => referenceTree(kind, values), [kind, values]);
  const [mode, setMode] = useState<ListsMode>(null);
  const [status, setStatus] = useState('');
  const [rowError, setRowError] = useState<{ value: string; text: string } | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const focusTo = useRef<FocusRequest | null>(null);
  const shown = useRef(values);
  const rows = useRef(new Map<string, HTMLElement>());
  const addRef = useRef<HTMLInputElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);
  // Edits run one after another (two quick Alt+Arrow presses): each reads the list its predecessor wrote.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  /** Focuses the requested control once the list shows what the request waits for and the control is on screen. */
  const applyFocus = () => {
    const request = focusTo.current;
    if (!request || !request.when(shown.current)) return;
    const target = request.value === null ? addRef.current : (rows.current.get(request.value)?.querySelector<HTMLElement>(`[data-control="${request.control}"]`) ?? null);
    if (!target) return;
    focusTo.current = null;
    target.focus();
    const reveal = request.reveal === undefined ? target : rows.current.get(request.reveal);
    reveal?.scrollIntoView?.({ block: 'nearest' });
  };
  // After every render: the live list may have caught up, or the control (a Rename button back from its field) appeared.
  useLayoutEffect(() => {
    shown.current = values;
    applyFocus();
  });
  // Also at once: the live list may have shown the write before the write's promise came back (no render follows).
  const setFocusTo = (request: FocusRequest) => {
    focusTo.current = request;
    applyFocus();
  };

  function run<T>(edit: () => Promise<T>): Promise<Outcome<T>> {
    const next = queue.current.then(async (): Promise<Outcome<T>> => {
      try {
        return { ok: true, value: await edit() };
      } catch (error) {
        if (error instanceof ReferenceEditError) return { ok: false, code: error.code, message: error.message };
        console.error('Lantern: a list edit failed', error);
        return { ok: false, code: 'storage', message: 'The list could not be saved on this computer. Try again; if it keeps failing, see the storage note in the top bar.' };
      }
    });
    queue.current = next;
    return next;
  }
  const clearMessages = () => {
    focusTo.current = null;
    setRowError(null);
    setStatus('');
  };
  const nameOf = (value: string) => (kind === 'category' || kind === 'site' ? value.split(PATH_SEPARATOR).at(-1)! : value);

  const ctx: RowContext = {
    kind,
    mode,
    rowError,
    registerRow: (value, element) => {
      if (element) rows.current.set(value, element);
      else rows.current.delete(value);
    },
    startRename: (node) => {
      clearMessages();
      setMode({ type: 'rename', value: node.value, draft: nameOf(node.value), error: null, confirm: null });
    },
    changeDraft: (draft) => setMode((m) => (m?.type === 'rename' ? { ...m, draft, error: null } : m)),
    submitRename: (confirmed) => {
      if (mode?.type !== 'rename') return;
      const current = mode;
      let renamed: string;
      try {
        renamed = planRename(kind, values, current.value, current.draft).result;
      } catch (error) {
        if (!(error instanceof ReferenceEditError)) throw error;
        setMode({ ...current, error: error.message, confirm: null });
        return;
      }
      if (renamed === current.value) {
        setMode(null);
        setFocusTo({ value: current.value, control: 'rename', when: always });
        return;
      }
      const warnings = textMatches(kind, referenceSubtree(kind, values, current.value), 'rename', sources);
      if (!confirmed && warnings.length > 0) {
        setMode({ ...current, confirm: { name: nameOf(renamed), warnings } });
        return;
      }
      void run(() => renameListValue(db, kind, current.value, current.draft)).then((outcome) => {
        if (!outcome.ok) return setMode({ ...current, error: outcome.message, confirm: null });
        setMode(null);
        setStatus(`Renamed “${current.value}” to “${outcome.value}”.`);
        setFocusTo({ value: outcome.value, control: 'rename', when: (shown) => shown.includes(outcome.value) });
      });
    },
    backToRename: () => setMode((m) => (m?.type === 'rename' ? { ...m, confirm: null } : m)),
    cancelRename: () => {
      if (mode?.type === 'rename') setFocusTo({ value: mode.value, control: 'rename', when: always });
      setMode(null);
    },
    move: (value, direction, control) => {
      clearMessages();
      void run(() => moveListValue(db, kind, value, direction)).then((outcome) => {
        if (!outcome.ok) {
          if (outcome.code === 'at-edge') setStatus(outcome.message);
          else setRowError({ value, text: outcome.message });
          return;
        }
        const key = outcome.value.join('\n');
        setStatus(`Moved “${value}” ${direction}.`);
        // The row's element may have been moved by React (which drops focus): focus it again once the new order shows.
        setFocusTo({ value, control, when: (shown) => shown.join('\n') === key });
      });
    },
    askRemove: (value) => {
      clearMessages();
      const gone = referenceSubtree(kind, values, value);
      setMode({ type: 'remove', value, below: gone.length - 1, warnings: textMatches(kind, gone, 'remove', sources) });
    },
    cancelRemove: () => {
      if (mode?.type === 'remove') setFocusTo({ value: mode.value, control: 'remove', when: always });
      setMode(null);
    },
    confirmRemove: () => {
      if (mode?.type !== 'remove') return;
      const { value } = mode;
      const neighbour = neighbourOf(tree, value) ?? null;
      void run(() => removeListValue(db, kind, value)).then((outcome) => {
        setMode(null);
        if (!outcome.ok) {
          setRowError({ value, text: outcome.message });
          setFocusTo({ value, control: 'remove', when: always });
          return;
        }
        setStatus(outcome.value > 1 ? `Removed “${value}” and the ${countOf(kind, outcome.value - 1)} below it.` : `Removed “${value}”.`);
        setFocusTo({ value: neighbour, control: 'remove', when: (shown) => !shown.includes(value) });
      });
    },
  };

  const add = async (name: string, parent: string | undefined): Promise<boolean> => {
    clearMessages();
    const outcome = await run(() => addListValue(db, kind, name, parent));
    if (!outcome.ok) {
      setAddError(outcome.message);
      return false;
    }
    setAddError(null);
    const added = outcome.value;
    setStatus(parent ? `Added “${nameOf(added)}” under ${parent}.` : `Added “${added}”.`);
    setFocusTo({ value: null, control: 'rename', reveal: added, when: (shown) => shown.includes(added) });
    return true;
  };

  const defaults = DEFAULT_REFERENCE[kind];
  const confirmReset = () => {
    void run(() => resetList(db, kind)).then((outcome) => {
      setMode(null);
      if (!outcome.ok) {
        setStatus(outcome.message);
        return;
      }
      setStatus(defaults.length > 0 ? `${title} are back to their defaults.` : `The ${title.toLowerCase()} list is empty again.`);
      const first = defaults[0] ?? null;
      setFocusTo({ value: first, control: 'rename', when: (shown) => shown.join('\n') === defaults.join('\n') });
    });
  };
  const resetLabel = defaults.length > 0 ? `Reset ${title.toLowerCase()} to defaults` : `Clear the ${title.toLowerCase()} list`;

  return (
    <div className="lists-panel-body">
      {values.length === 0 ? (
        <p className="lists-empty">{`No ${title.toLowerCase()} yet. A person is added here when someone is first assigned; you can also add one below.`}</p>
      ) : (
        <ul className="lists-tree" aria-label={title}>
          {tree.map((node, index) => <ListsRow key={node.value} node={node} first={index === 0} last={index === tree.length - 1} ctx={ctx} />)}
        </ul>
      )}
      <p role="status" className="lists-status">{status}</p>
      <ListsAddForm kind={kind} values={values} inputRef={addRef} error={addError} onClearError={() => setAddError(null)} onAdd={add} />
      <div className="lists-reset">
        <button ref={resetRef} type="button" onClick={() => {
          clearMessages();
          const gone = values.filter((v) => !defaults.includes(v));
          setMode({ type: 'reset', warnings: textMatches(kind, gone, 'remove', sources) });
        }}>{resetLabel}</button>
        {mode?.type === 'reset' && (
          <ListsConfirm label={`Reset ${title.toLowerCase()}?`} confirmLabel="Yes, reset" onConfirm={confirmReset}
            onCancel={() => {
              setMode(null);
              resetRef.current?.focus();
            }}>
            <p>
              {defaults.length > 0
                ? `Put back the ${defaults.length} default ${title.toLowerCase()}? Values added here go, and renamed ones get their default names back.`
                : `Remove all ${countOf(kind, values.length)} from this list?`}
            </p>
            {mode.warnings.map((w) => <p key={w} className="lists-warning">{w}</p>)}
          </ListsConfirm>
        )}
      </div>
    </div>
  );
}

/** Where focus goes when `value` is removed: its next sibling, else the one before, else its parent (null: the Add field). */
function neighbourOf(nodes: readonly ReferenceNode[], value: string, parent: string | null = null): string | null | undefined {
  const index = nodes.findIndex((node) => node.value === value);
  if (index >= 0) return nodes[index + 1]?.value ?? nodes[index - 1]?.value ?? parent;
  for (const node of nodes) {
    const found = neighbourOf(node.children, value, node.value);
    if (found !== undefined) return found;
  }
  return undefined;
}
