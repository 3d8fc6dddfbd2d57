// The text typed into this page's open forms, read from the page: what reloading would throw away once the database is gone.

export interface TypedField {
  label: string;
  text: string;
}

export interface TypedForm {
  /** The form's name as the page gives it ("New incident", "Add a work note"). */
  name: string;
  fields: TypedField[];
}

// Free text only: choices (selects, checkboxes) and date-times take a moment to set again, and several start filled in.
const TEXT_FIELDS = 'textarea, input:not([type]), input[type="text"], input[type="email"], input[type="url"], input[type="tel"], input[type="search"]';

/**
 * Every form's non-empty text fields, in page order. Read from the page rather than from each form's state: every form,
 * whoever wrote it, shows its text in its fields, while only some keep drafts, and none can once the database is gone.
 * A box holding text already offered for copying by hand (a refused clipboard) is not text anyone typed.
 */
export function typedTextInForms(root: ParentNode = document): TypedForm[] {
  const byForm = new Map<HTMLFormElement, TypedField[]>();
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(TEXT_FIELDS)) {
    const form = field.closest('form');
    if (!form || field.disabled || field.closest('.copy-fallback') || field.value.trim() === '') continue;
    const fields = byForm.get(form) ?? [];
    fields.push({ label: fieldLabel(field), text: field.value });
    byForm.set(form, fields);
  }
  return [...byForm].map(([form, fields]) => ({ name: formName(form), fields }));
}

/** The forms as plain text for the clipboard: each form's name, then each field as "Label: text" (long text below its label). */
export function typedTextAsPlainText(forms: readonly TypedForm[]): string {
  return forms
    .map((form) => [form.name, ...form.fields.map((field) => (field.text.includes('\n') ? `${field.label}:\n${field.text}` : `${field.label}: ${field.text}`))].join('\n'))
    .join('\n\n');
}

function fieldLabel(field: HTMLInputElement | HTMLTextAreaElement): string {
  const label = field.labels?.[0]?.textContent ?? field.getAttribute('aria-label') ?? textOfIds(field.getAttribute('aria-labelledby')) ?? field.placeholder;
  return clean(label) || 'Text';
}

function formName(form: HTMLFormElement): string {
  const heading = form.querySelector('h2, h3, h4, legend')?.textContent ?? null;
  return clean(form.getAttribute('aria-label') ?? textOfIds(form.getAttribute('aria-labelledby')) ?? heading ?? '') || 'A form';
}

function textOfIds(ids: string | null): string | null {
  if (!ids) return null;
  return ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
