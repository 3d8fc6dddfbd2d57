// Marks an incident as an exercise or as real after the fact (a real incident recorded in drill mode, or the reverse), in every status.
import { useId, useRef, useState } from 'react';
import type { Incident } from '../../../shared/domain';
import { useServices } from '../../app/services';
import './drill.css';

export function ExerciseToggle({ incident }: { incident: Incident }) {
  const { incidents } = useServices();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  // Real → exercise waits for a second, explicit yes: a drill's alerts no longer break through do-not-disturb.
  const [confirming, setConfirming] = useState(false);
  const boxRef = useRef<HTMLInputElement>(null);
  const exercise = incident.exercise === true;
  const change = async (next: boolean) => {
    setConfirming(false);
    const result = await incidents.edit(incident.id, { exercise: next });
    setProblem(result.ok ? null : result.error.message);
    boxRef.current?.focus();
  };
  const cancel = () => {
    setConfirming(false);
    boxRef.current?.focus();
  };
  return (
    <>
      <label className={`capture-exercise${exercise ? ' on' : ''}`} htmlFor={id}>
        <input id={id} ref={boxRef} type="checkbox" checked={exercise} aria-expanded={exercise ? undefined : confirming}
          onChange={(e) => (e.target.checked ? setConfirming(true) : void change(false))} />
        Exercise
      </label>
      {confirming && (
        <span className="exercise-confirm" role="group" aria-label="Mark as an exercise?"
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); } }}>
          <span>Mark this incident as an exercise? Its alerts will no longer break through do-not-disturb, and reports leave it out.</span>
          <button type="button" className="small" autoFocus onClick={() => void change(true)}>Yes, mark as exercise</button>
          <button type="button" className="small" onClick={cancel}>Keep as real</button>
        </span>
      )}
      {problem && <span role="alert" className="field-error">{problem}</span>}
    </>
  );
}
