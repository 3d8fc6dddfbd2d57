// State of a one-text entry form (note, checklist step): the text, its error, saving, and a submit that clears on success.
import { useState, type FormEvent } from 'react';

type SaveResult = { ok: true } | { ok: false; error: { message: string } };

/** `save` stores the text; an empty text gets `emptyMessage` and saves nothing; a refusal shows its message. */
export function useTextEntry(emptyMessage: string, save: (text: string) => Promise<SaveResult>) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setError(emptyMessage);
      return;
    }
    setSaving(true);
    const result = await save(text);
    setSaving(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error.message);
  }

  return { text, setText, error, setError, saving, submit };
}
