// The banner under the top bar while drill mode is on, on every screen: says so, since when, and ends the drill (after a yes).
import { useRef, useState } from 'react';
import { DEFAULT_AUTHOR, useLanternDb } from '../../db';
import { setDrillMode } from '../../db/drill-mode';
import { formatLocal } from '../format';
import { useCurrentUser } from '../user/use-current-user';
import { useDrillMode } from './use-drill-mode';
import './drill.css';

export function DrillBanner() {
  const drill = useDrillMode();
  const db = useLanternDb();
  const user = useCurrentUser();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const endRef = useRef<HTMLButtonElement>(null);
  if (!drill?.on) return null;
  const since = `${drill.changedAt ? ` since ${formatLocal(drill.changedAt)}` : ''}${drill.by && drill.by !== DEFAULT_AUTHOR.name ? ` (${drill.by})` : ''}`;
  const end = async () => {
    const result = await setDrillMode(db, false, user ?? DEFAULT_AUTHOR);
    setConfirming(false);
    setProblem(result.ok ? null : `Drill mode could not be turned off: ${result.error.message}`);
    // The banner (and the focused button in it) goes away: keep the keyboard in the top bar, where drills start.
    if (result.ok) document.querySelector<HTMLElement>('.topbar .user-switch')?.focus();
  };
  const keepRunning = () => {
    setConfirming(false);
    // After the confirmation's buttons are gone.
    queueMicrotask(() => endRef.current?.focus());
  };
  return (
    <div className="drill-banner" role="region" aria-label="Drill mode"
      onKeyDown={(e) => { if (e.key === 'Escape' && confirming) { e.preventDefault(); e.stopPropagation(); keepRunning(); } }}>
      <strong>EXERCISE</strong>
      <span>{`Drill mode is on${since}: new incidents are recorded as exercises.`}</span>
      {confirming ? (
        <span className="drill-banner-confirm" role="group" aria-label="End the drill?">
          <span>{`End the drill${since}? New incidents will be recorded as real.`}</span>
          {/* The question replaces the focused End drill button, so focus moves to its answer. */}
          <button type="button" autoFocus onClick={() => void end()}>Yes, end drill</button>
          <button type="button" onClick={keepRunning}>Keep drill running</button>
        </span>
      ) : (
        <button ref={endRef} type="button" onClick={() => setConfirming(true)}>End drill</button>
      )}
      {problem && <span role="alert">{problem}</span>}
    </div>
  );
}
