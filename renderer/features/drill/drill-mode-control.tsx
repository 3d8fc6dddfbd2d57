// Starts or ends this device's drill mode (in the "Who is working" dialog, next to who records what).
import { useState } from 'react';
import { DEFAULT_AUTHOR, useLanternDb } from '../../db';
import { setDrillMode } from '../../db/drill-mode';
import { useCurrentUser } from '../user/use-current-user';
import { useDrillMode } from './use-drill-mode';

export function DrillModeControl() {
  const drill = useDrillMode();
  const db = useLanternDb();
  const user = useCurrentUser();
  const [problem, setProblem] = useState<string | null>(null);
  const on = drill?.on ?? false;
  const toggle = async () => {
    const result = await setDrillMode(db, !on, user ?? DEFAULT_AUTHOR);
    setProblem(result.ok ? null : `Drill mode could not be changed: ${result.error.message}`);
  };
  return (
    <section className="drill-control" aria-label="Drill mode">
      <h3>Drill mode</h3>
      <p className="muted">
        {on
          ? 'A drill is running on this computer: new incidents are recorded as exercises and marked as such everywhere.'
          : 'For exercises: while on, new incidents are recorded as exercises and marked as such on every screen, in briefings and at HQ. Each incident can still be ticked as real.'}
      </p>
      <button type="button" onClick={() => void toggle()} disabled={drill === undefined}>
        {on ? 'End drill' : 'Start drill'}
      </button>
      {problem && <p role="alert" className="field-error">{problem}</p>}
    </section>
  );
}
