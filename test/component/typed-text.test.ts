// What the banner's Reload counts as typed text: non-empty free-text fields of forms, named by form and label, as plain text.
import { afterEach, describe, expect, it } from 'vitest';
import { typedTextAsPlainText, typedTextInForms } from '../../renderer/app/typed-text';

afterEach(() => document.body.replaceChildren());

describe('typed text in open forms', () => {
  it('lists the non-empty text fields of each form by name and label, and leaves out choices, dates, blanks and copy boxes', () => {
    document.body.innerHTML = `
      <h2 id="capture-heading">New incident</h2>
      <form aria-labelledby="capture-heading">
        <label for="t">Title</label><input id="t">
        <label for="d">Description</label><textarea id="d"></textarea>
        <label for="s">Site</label><input id="s" type="text">
        <label for="o">Occurred at</label><input id="o" type="datetime-local" value="2026-11-28T10:00">
        <select aria-label="Impact"><option selected>3 — Low</option></select>
        <div class="copy-fallback"><textarea aria-label="Copied text">old copy</textarea></div>
      </form>
      <form aria-label="Add a work note"><textarea aria-label="Work note"></textarea></form>
      <input aria-label="Search" value="outside any form">`;
    (document.getElementById('t') as HTMLInputElement).value = 'Lift 3 stuck';
    (document.getElementById('d') as HTMLTextAreaElement).value = 'Two inside.\nIntercom works.';
    (document.getElementById('s') as HTMLInputElement).value = '   ';
    const forms = typedTextInForms();
    expect(forms).toEqual([{ name: 'New incident', fields: [{ label: 'Title', text: 'Lift 3 stuck' }, { label: 'Description', text: 'Two inside.\nIntercom works.' }] }]);
    expect(typedTextAsPlainText(forms)).toBe('New incident\nTitle: Lift 3 stuck\nDescription:\nTwo inside.\nIntercom works.');
  });

  it('finds nothing when every form is empty', () => {
    document.body.innerHTML = '<form aria-label="Add a work note"><textarea aria-label="Work note"></textarea></form>';
    expect(typedTextInForms()).toEqual([]);
  });
});
