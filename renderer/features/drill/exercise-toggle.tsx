// Marks an incident as an exercise or as real after the fact (a real incident recorded in drill mode, or the reverse), in every status.
import { useId, useState } from 'react';
import type { Incident } from '../../../shared/domain';
import { useServices } from '../../app/services';
import './drill.css';

export function ExerciseToggle({ incident }: { incident: Incident }) {
  const { incidents } = useServices();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (exercise: boolean) => {
    const result = await incidents.edit(incident.id, { exercise });
    setProblem(result.ok ? null : result.error.message);
  };
  return (
    <>
      <label className={`capture-exercise${incident.exercise === true ? ' on' : ''}`} htmlFor={id}>
        <input id={id} type="checkbox" checked={incident.exercise === true} onChange={(e) => void change(e.target.checked)} />
        Exercise
      </label>
      {problem && <span role="alert" className="field-error">{problem}</span>}
    </>
  );
}
