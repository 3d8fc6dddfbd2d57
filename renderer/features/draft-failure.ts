// How a form says its draft was not kept; on a database closed for good the typed text now lives only in the form.
import { DATABASE_CLOSED_MESSAGE } from '../db/storage';

/**
 * `lead` introduces an ordinary refusal ("Draft not kept"). A closed database gets its own words: the usual advice
 * ("Reload this window") would throw away what was typed, which no draft holds, so the person copies it first.
 */
export function draftFailureText(problem: string, lead: string): string {
  if (problem === DATABASE_CLOSED_MESSAGE) {
    return "What you typed is only in this form: this window's database was closed. Copy your text before you reload this window.";
  }
  return `${lead}: ${problem}`;
}
