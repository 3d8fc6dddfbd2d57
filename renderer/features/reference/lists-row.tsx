// One value of a list in the editor (and, for a tree, the values below it): its name or rename field, Rename / Move up / Move down / Remove, and its confirmations.
import { useId } from 'react';
import type { ReferenceKind, ReferenceNode } from '../../db/reference';
import { ListsConfirm } from './lists-confirm';
import { countOf } from './lists-kinds';
import { ListsRenameField } from './lists-rename-field';

export type RowControl = 'rename' | 'up' | 'down' | 'remove';

/** What the panel is asking about, at most one thing at a time. */
export type ListsMode =
  | { type: 'rename'; value: string; draft: string; error: string | null; confirm: { name: string; warnings: string[] } | null }
  | { type: 'remove'; value: string; below: number; warnings: string[] }
  | { type: 'reset'; warnings: string[] }
  | null;

/** The panel's state and actions, shared by every row. */
export interface RowContext {
  kind: ReferenceKind;
  mode: ListsMode;
  rowError: { value: string; text: string } | null;
  registerRow: (value: string, element: HTMLElement | null) => void;
  startRename: (node: ReferenceNode) => void;
  changeDraft: (draft: string) => void;
  submitRename: (confirmed: boolean) => void;
  backToRename: () => void;
  cancelRename: () => void;
  move: (value: string, direction: 'up' | 'down', control: RowControl) => void;
  askRemove: (value: string) => void;
  cancelRemove: () => void;
  confirmRemove: () => void;
}

interface ListsRowProps {
  node: ReferenceNode;
  first: boolean;
  last: boolean;
  ctx: RowContext;
}

export function ListsRow({ node, first, last, ctx }: ListsRowProps) {
  const { value } = node;
  const errorId = useId();
  const editing = ctx.mode?.type === 'rename' && ctx.mode.value === value ? ctx.mode : null;
  const removing = ctx.mode?.type === 'remove' && ctx.mode.value === value ? ctx.mode : null;
  const error = ctx.rowError?.value === value ? ctx.rowError.text : null;
  const move = (direction: 'up' | 'down', control: RowControl) => {
    if (direction === 'up' ? !first : !last) ctx.move(value, direction, control);
  };
  return (
    <li className={node.children.length > 0 ? 'lists-item lists-parent' : 'lists-item'}>
      <div className="lists-row" ref={(el) => ctx.registerRow(value, el)}
        onKeyDown={(e) => {
          if (editing || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
          e.preventDefault();
          const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.control : undefined;
          move(e.key === 'ArrowUp' ? 'up' : 'down', (focused as RowControl | undefined) ?? 'rename');
        }}>
        {editing ? (
          <ListsRenameField value={value} draft={editing.draft} error={editing.error} waiting={editing.confirm !== null}
            onChange={ctx.changeDraft} onSubmit={() => ctx.submitRename(false)} onCancel={ctx.cancelRename} />
        ) : (
          <>
            <span className="lists-name">{node.name}</span>
            <span className="lists-controls">
              <button type="button" className="small" data-control="rename" aria-label={`Rename ${value}`} onClick={() => ctx.startRename(node)}>Rename</button>
              {/* aria-disabled, not disabled: focus stays on the button when the value reaches the end of its list. */}
              <button type="button" className="small lists-move" data-control="up" aria-label={`Move ${value} up`} aria-keyshortcuts="Alt+ArrowUp" title="Move up (Alt+↑)"
                aria-disabled={first || undefined} onClick={() => move('up', 'up')}>↑</button>
              <button type="button" className="small lists-move" data-control="down" aria-label={`Move ${value} down`} aria-keyshortcuts="Alt+ArrowDown" title="Move down (Alt+↓)"
                aria-disabled={last || undefined} onClick={() => move('down', 'down')}>↓</button>
              <button type="button" className="small" data-control="remove" aria-label={`Remove ${value}`} aria-describedby={error ? errorId : undefined}
                onClick={() => ctx.askRemove(value)}>Remove</button>
            </span>
          </>
        )}
      </div>
      {error && <p id={errorId} role="alert" className="field-error lists-row-error">{error}</p>}
      {editing?.confirm && (
        <ListsConfirm label={`Rename ${value}?`} confirmLabel="Yes, rename" onConfirm={() => ctx.submitRename(true)} onCancel={ctx.backToRename}>
          <p>{`Rename “${value}” to “${editing.confirm.name}”?`}</p>
          {editing.confirm.warnings.map((w) => <p key={w} className="lists-warning">{w}</p>)}
        </ListsConfirm>
      )}
      {removing && (
        <ListsConfirm label={`Remove ${value}?`} confirmLabel={removing.below > 0 ? `Yes, remove all ${removing.below + 1}` : 'Yes, remove'}
          onConfirm={ctx.confirmRemove} onCancel={ctx.cancelRemove}>
          <p>{removing.below > 0 ? `Remove “${value}” and the ${countOf(ctx.kind, removing.below)} below it?` : `Remove “${value}”?`}</p>
          {removing.warnings.map((w) => <p key={w} className="lists-warning">{w}</p>)}
        </ListsConfirm>
      )}
      {node.children.length > 0 && (
        <ul className="lists-children">
          {node.children.map((child, index) => (
            <ListsRow key={child.value} node={child} first={index === 0} last={index === node.children.length - 1} ctx={ctx} />
          ))}
        </ul>
      )}
    </li>
  );
}
