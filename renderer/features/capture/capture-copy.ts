// The capture form as plain text, for copying out of a window whose database is gone (nothing else can keep it).
import { findTemplate, LEVEL_LABELS } from '../../../shared/domain';
import { formatLocal } from '../format';
import { timeOf, type CaptureValues, type TimeKey } from './capture-values';

const TIMES: readonly { key: TimeKey; label: string }[] = [
  { key: 'occurredAt', label: 'Occurred at' },
  { key: 'detectedAt', label: 'Detected at' },
  { key: 'reportedAt', label: 'Reported at' },
];

/**
 * "Label: value" lines in the form's order, empty fields left out; a multi-line description goes below its label.
 * Attachments are named only: the files themselves are still wherever they were picked from.
 */
export function captureAsText(values: CaptureValues, attachmentNames: readonly string[], exercise: boolean): string {
  const lines: string[] = [exercise ? 'New incident (exercise), not saved' : 'New incident, not saved'];
  const add = (label: string, text: string) => {
    if (text.trim() !== '') lines.push(text.includes('\n') ? `${label}:\n${text}` : `${label}: ${text}`);
  };
  add('Template', findTemplate(values.templateId)?.name ?? '');
  add('Title', values.title);
  add('Description', values.description);
  add('Category', values.category);
  add('Site', values.site);
  add('Impact', `${values.impact} — ${LEVEL_LABELS[values.impact]}`);
  add('Urgency', `${values.urgency} — ${LEVEL_LABELS[values.urgency]}`);
  for (const { key, label } of TIMES) {
    const time = timeOf(values, key);
    // The moment in this computer's words; text that is not a whole moment yet is copied as typed.
    add(label, time ? formatLocal(time.utc) : values[key]);
  }
  add('Attachments (files not copied)', attachmentNames.join(', '));
  return lines.join('\n');
}
