// Linux notification servers read the body as markup: text from other devices must reach the screen as typed.
import { describe, expect, it } from 'vitest';
import { notificationOptions } from '../../../../main/electron/notification-adapter';

const notice = { title: 'Changed by Ann & <b>Bob</b>', body: 'R&D <a href="https://evil.example">pump</a> > 3 bar. Open Lantern and search for K7QM-0001.', incidentId: 'inc-1', urgency: 'normal' as const };

describe('notificationOptions and markup', () => {
  it('on Linux, escapes & < > in the body so tags show as text and a bare & does not empty it', () => {
    expect(notificationOptions(notice, { platform: 'linux' }).body).toBe(
      'R&amp;D &lt;a href="https://evil.example"&gt;pump&lt;/a&gt; &gt; 3 bar. Open Lantern and search for K7QM-0001.',
    );
  });

  it('escapes before adding the Linux hint, and the hint still follows', () => {
    expect(notificationOptions({ ...notice, body: 'Fish & chips' }, { platform: 'linux' }).body).toBe('Fish &amp; chips Open Lantern to see it.');
  });

  it('leaves the title as it is (plain text in the notification spec), and Windows and macOS bodies untouched', () => {
    expect(notificationOptions(notice, { platform: 'linux' }).title).toBe(notice.title);
    expect(notificationOptions(notice, { platform: 'win32' }).body).toBe(notice.body);
    expect(notificationOptions(notice, { platform: 'darwin' }).body).toBe(notice.body);
  });
});
