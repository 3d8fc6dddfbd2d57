// State of a one-text entry form (note, checklist step): the text, its error, saving, and a submit that clears on success.
import { useState, type FormEvent } from 'react';
import { announce } from '../../store/announce-store';
import { useBusy } from '../use-busy';

type SaveResult = { ok: true } | { ok: false; error: { message: string } };

/** Where the text lives when it is kept elsewhere (the work note's draft); component state otherwise. */
export interface TextStore {
  text: string;
  setText: (text: string) => void;
  /** After a successful save: empty the form (and forget the draft). */
  clear: () => void;
}

export interface TextEntryOptions {
  store?: TextStore;
  /** An empty text may be saved (a note that only carries files); the save decides what to write. */
  allowEmpty?: boolean;
  /** Said to screen readers after a save ("Note added"): focus stays in the emptied box, which says nothing itself. */
  savedMessage?: string;
}

/** `save` stores the text; an empty text gets `emptyMessage` and saves nothing; a refusal shows its message. */
export function useTextEntry(emptyMessage: string, save: (text: string) => Promise<SaveResult>, options: TextEntryOptions = {}) {
  const [ownText, setOwnText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy: saving, run } = useBusy();
  const { store, allowEmpty = false, savedMessage } = options;
  const text = store ? store.text : ownText;
  const setText = store ? store.setText : setOwnText;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '' && !allowEmpty) {
      setError(emptyMessage);
      return;
    }
    const result = await run(() => save(text));
    if (!result) return;
    if (result.ok) {
      if (store) store.clear();
      else setOwnText('');
      setError(null);
      if (savedMessage) announce(savedMessage);
    } else setError(result.error.message);
  }

  return { text, setText, error, setError, saving, submit };
}
