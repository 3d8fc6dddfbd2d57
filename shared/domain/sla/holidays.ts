// Calendar holidays: local dates (YYYY-MM-DD in the calendar's own zone) with no working time; the schema and day numbers.
import { z } from 'zod';

/** About thirty years of one region's public holidays: enough, and small enough to send to the notification scheduler. */
export const MAX_HOLIDAYS = 500;
const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const HOLIDAY_FORMAT_HINT = 'write holidays as YYYY-MM-DD, e.g. 2026-12-25';
export const TOO_MANY_HOLIDAYS = `A calendar holds at most ${MAX_HOLIDAYS} holidays: remove past ones first.`;

/** Days since 1970-01-01 of a real calendar date from 1900 to 2999, or null (2026-02-30, 26-4-3, 3.4.2026 are not). */
export function holidayDayNumber(text: string): number | null {
  const match = SHAPE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 30 February over into March: a real date reads back as itself.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/**
 * Holidays in date order, each once. Refused rather than repaired (sorted, deduplicated) so that what is stored is
 * exactly what was checked; the editor keeps its list in order itself.
 */
export const holidaysSchema = z
  .array(z.string(`A holiday is not a date: ${HOLIDAY_FORMAT_HINT}.`))
  .max(MAX_HOLIDAYS, TOO_MANY_HOLIDAYS)
  .superRefine((list, ctx) => {
    let previous: { text: string; day: number } | null = null;
    for (let i = 0; i < list.length; i++) {
      const text = list[i]!;
      const day = holidayDayNumber(text);
      if (day === null) {
        ctx.addIssue({ code: 'custom', path: [i], message: `“${text.slice(0, 40)}” is not a date: ${HOLIDAY_FORMAT_HINT}.` });
        return;
      }
      if (previous && day === previous.day) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${text} is listed twice: keep it once.` });
        return;
      }
      if (previous && day < previous.day) {
        ctx.addIssue({ code: 'custom', path: [i], message: `Holidays must be in date order: ${text} comes before ${previous.text}.` });
        return;
      }
      previous = { text, day };
    }
  });
