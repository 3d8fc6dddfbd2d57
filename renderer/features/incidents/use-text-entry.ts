// State of a one-text entry form (note, checklist step): the text, its error, saving, and a submit that clears on success.
import { useState, type FormEvent } from 'react';
import { useBusy } from '../use-busy';

type SaveResult = { ok: true } | { ok: false; error: { message: string } };

/** `save` stores the text; an empty text gets `emptyMessage` and saves nothing; a refusal shows its message. */
export function useTextEntry(emptyMessage: string, save: (text: string) => Promise<SaveResult>) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy: saving, run } = useBusy();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setError(emptyMessage);
      return;
    }
    const result = await run(() => save(text));
    if (!result) return;
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error.message);
  }

  return { text, setText, error, setError, saving, submit };
}
