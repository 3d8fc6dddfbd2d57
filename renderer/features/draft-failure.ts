// How a form says its draft was not kept; on a database closed for good the typed text now lives only in the form.
import { DATABASE_CLOSED_MESSAGE } from '../db/storage';

/**
 * `lead` introduces an ordinary refusal ("Draft not kept"). A closed database gets its own words: the usual advice
 * (reload the window) would throw away what was typed, which no draft holds, so copying comes first.
 */
export function draftFailureText(problem: string, lead: string): string {
  if (problem === DATABASE_CLOSED_MESSAGE) {
    return "Copy what you typed in this form before you reload or close this window: it is only here, and cannot be kept as a draft because this window's database was closed.";
  }
  return `${lead}: ${problem}`;
}
