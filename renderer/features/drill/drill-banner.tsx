// The banner under the top bar while drill mode is on, on every screen: says so, since when, and ends the drill.
import { useState } from 'react';
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
  if (!drill?.on) return null;
  const end = async () => {
    const result = await setDrillMode(db, false, user ?? DEFAULT_AUTHOR);
    setProblem(result.ok ? null : `Drill mode could not be turned off: ${result.error.message}`);
    // The banner (and the focused button in it) goes away: keep the keyboard in the top bar, where drills start.
    if (result.ok) document.querySelector<HTMLElement>('.topbar .user-switch')?.focus();
  };
  return (
    <div className="drill-banner" role="region" aria-label="Drill mode">
      <strong>EXERCISE</strong>
      <span>
        {`Drill mode is on${drill.changedAt ? ` since ${formatLocal(drill.changedAt)}` : ''}${drill.by && drill.by !== DEFAULT_AUTHOR.name ? ` (${drill.by})` : ''}: new incidents are recorded as exercises.`}
      </span>
      <button type="button" onClick={() => void end()}>End drill</button>
      {problem && <span role="alert">{problem}</span>}
    </div>
  );
}
