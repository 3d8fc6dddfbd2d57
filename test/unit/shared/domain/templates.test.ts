// Incident templates: valid seed data (known categories, stable unique ids, three phases) and the title prefix rules.
import { describe, expect, it } from 'vitest';
import {
  applyTitlePrefix,
  checkAttachmentSize,
  DEFAULT_CATEGORIES,
  findTemplate,
  flattenCategoryPaths,
  formatBytes,
  formatPath,
  INCIDENT_TEMPLATES,
  isPreviewableImage,
  syncedFieldsSchema,
  templateTag,
} from '../../../../shared/domain';

const categories = new Set(flattenCategoryPaths(DEFAULT_CATEGORIES).map(formatPath));

describe('incident templates', () => {
  it('cover the field incident types', () => {
    expect(INCIDENT_TEMPLATES.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Power outage', 'Generator failure', 'Network outage', 'Security breach', 'Hardware failure', 'Water leak', 'Medical gas alarm']),
    );
  });

  it.each(INCIDENT_TEMPLATES.map((t) => [t.id, t] as const))('%s is valid seed data', (_id, template) => {
    expect(categories.has(formatPath(template.category))).toBe(true);
    expect(template.checklist.map((phase) => phase.label)).toEqual(['0–2 h', '2–12 h', '12 h+']);
    const stepIds = template.checklist.flatMap((phase) => phase.steps.map((step) => step.id));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(template.checklist.every((phase) => phase.steps.length > 0)).toBe(true);
    // The tag and the prefixed title must be storable on an incident.
    expect(syncedFieldsSchema.shape.tags.safeParse([templateTag(template)]).success).toBe(true);
    expect(syncedFieldsSchema.shape.title.safeParse(applyTitlePrefix(template, 'Block A')).success).toBe(true);
  });

  it('has unique ids and finds templates by id', () => {
    expect(new Set(INCIDENT_TEMPLATES.map((t) => t.id)).size).toBe(INCIDENT_TEMPLATES.length);
    expect(findTemplate('water-leak')?.name).toBe('Water leak');
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('prefixes titles once and swaps the prefix when the template changes', () => {
    const power = findTemplate('power-outage')!;
    const generator = findTemplate('generator-failure')!;
    expect(applyTitlePrefix(power, '')).toBe('Power outage: ');
    expect(applyTitlePrefix(power, 'Block A')).toBe('Power outage: Block A');
    expect(applyTitlePrefix(power, 'Power outage: Block A')).toBe('Power outage: Block A');
    expect(applyTitlePrefix(generator, 'Power outage: Block A', power)).toBe('Generator failure: Block A');
  });
});

describe('attachment size check', () => {
  it('accepts files up to the limit and names the file and the limit otherwise', () => {
    expect(checkAttachmentSize('a.jpg', 25 * 1024 * 1024)).toBeNull();
    expect(checkAttachmentSize('a.jpg', 25 * 1024 * 1024 + 1)).toMatch(/^"a\.jpg" is 25 MB, over the 25 MB limit/);
    expect(checkAttachmentSize('clip.mp4', 30 * 1024 * 1024, 10 * 1024 * 1024)).toContain('"clip.mp4" is 30 MB, over the 10 MB limit');
    expect(checkAttachmentSize('bad', Number.NaN)).not.toBeNull();
  });

  it('formats sizes and recognises previewable images', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '5 MB']);
    expect(isPreviewableImage('image/jpeg')).toBe(true);
    expect(isPreviewableImage('image/svg+xml')).toBe(false);
  });
});
