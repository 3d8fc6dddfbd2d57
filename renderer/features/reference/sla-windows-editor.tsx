// The business-hours windows of an SLA calendar: each a set of weekdays with a start and an end; add and remove them.
import { useEffect, useRef } from 'react';
import { WEEKDAYS, type Weekday } from '../../../shared/domain';
import { blankWindow, DAY_LABELS, type WindowDraft } from './sla-calendar-draft';

export interface SlaWindowsEditorProps {
  windows: WindowDraft[];
  onChange: (windows: WindowDraft[]) => void;
}

export function SlaWindowsEditor({ windows, onChange }: SlaWindowsEditorProps) {
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  /** After an add or a remove, the window whose first day box takes the focus (a keyboard user stays in place). */
  const focusIndex = useRef<number | null>(null);

  // Runs after the render that added or removed the window, once its boxes are in the DOM.
  useEffect(() => {
    if (focusIndex.current === null) return;
    const target = list.current?.querySelectorAll<HTMLInputElement>('.sla-window input[type="checkbox"]')[focusIndex.current * WEEKDAYS.length];
    focusIndex.current = null;
    (target ?? addButton.current)?.focus();
  });

  const update = (key: number, patch: Partial<WindowDraft>) => onChange(windows.map((w) => (w.key === key ? { ...w, ...patch } : w)));
  const toggleDay = (window: WindowDraft, day: Weekday, on: boolean) =>
    update(window.key, { days: on ? WEEKDAYS.filter((d) => d === day || window.days.includes(d)) : window.days.filter((d) => d !== day) });

  return (
    <div className="sla-windows">
      <ol ref={list} aria-label="Business-hours windows">
        {windows.map((window, index) => {
          const n = index + 1;
          return (
            <li key={window.key}>
              <fieldset className="sla-window">
                <legend>{`Window ${n}`}</legend>
                <div className="sla-days">
                  {WEEKDAYS.map((day) => (
                    <label key={day}>
                      <input type="checkbox" checked={window.days.includes(day)} onChange={(e) => toggleDay(window, day, e.target.checked)} /> {DAY_LABELS[day]}
                    </label>
                  ))}
                </div>
                <div className="sla-window-times">
                  <label>
                    From{' '}
                    <input aria-label={`Window ${n} from`} value={window.from} inputMode="numeric" placeholder="HH:MM" maxLength={5} spellCheck={false} autoComplete="off"
                      onChange={(e) => update(window.key, { from: e.target.value })} />
                  </label>
                  <label>
                    To{' '}
                    <input aria-label={`Window ${n} to`} value={window.to} inputMode="numeric" placeholder="HH:MM" maxLength={5} spellCheck={false} autoComplete="off"
                      onChange={(e) => update(window.key, { to: e.target.value })} />
                  </label>
                  {windows.length > 1 && (
                    <button type="button" aria-label={`Remove window ${n}`}
                      onClick={() => {
                        onChange(windows.filter((w) => w.key !== window.key));
                        focusIndex.current = Math.min(index, windows.length - 2);
                      }}>
                      Remove
                    </button>
                  )}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" ref={addButton}
        onClick={() => {
          onChange([...windows, blankWindow()]);
          focusIndex.current = windows.length;
        }}>
        Add a window
      </button>
      <p className="hint">Times are on a 24-hour clock in the calendar’s time zone; 24:00 is the end of the day. Windows on the same day must not overlap.</p>
    </div>
  );
}
