// checkSender: only the top frame of our own origin may talk to main.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../../main/security/origin';
import { checkSender, type FrameLike } from '../../../../main/security/sender-policy';

const policy = { allowedOrigins: [APP_ORIGIN] };
const top = (url: string): FrameLike => ({ url, parent: null });

describe('checkSender', () => {
  it('trusts the app top frame', () => {
    expect(checkSender(() => top('app://lantern/index.html'), policy)).toEqual({ trusted: true });
  });

  it.each(['https://evil.example/', 'file:///work/out/renderer/index.html', 'app://other/', 'app://lantern.evil/', 'about:blank', 'data:text/html,x', '', 'app://x@lantern/'])(
    'rejects a top frame on %j',
    (url) => {
      expect(checkSender(() => top(url), policy)).toEqual({ trusted: false, reason: 'foreign-origin' });
    },
  );

  it('rejects a sub-frame even on our own origin', () => {
    const frame: FrameLike = { url: 'app://lantern/index.html', parent: top('app://lantern/index.html') };
    expect(checkSender(() => frame, policy)).toEqual({ trusted: false, reason: 'sub-frame' });
  });

  it('rejects a frame without a parent field (cannot prove it is the top frame)', () => {
    const frame = { url: 'app://lantern/' } as unknown as FrameLike;
    expect(checkSender(() => frame, policy)).toEqual({ trusted: false, reason: 'sub-frame' });
  });

  it('rejects a missing or disposed frame', () => {
    expect(checkSender(() => null, policy)).toEqual({ trusted: false, reason: 'no-frame' });
    expect(checkSender(() => undefined, policy)).toEqual({ trusted: false, reason: 'no-frame' });
    expect(
      checkSender(() => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      }, policy),
    ).toEqual({ trusted: false, reason: 'no-frame' });
  });

  it('rejects a frame whose url getter throws', () => {
    const frame = {
      get url(): string {
        throw new Error('disposed');
      },
      parent: null,
    };
    expect(checkSender(() => frame, policy)).toEqual({ trusted: false, reason: 'no-frame' });
  });

  it('trusts the dev server only when it is in the policy', () => {
    expect(checkSender(() => top('http://localhost:5173/'), policy).trusted).toBe(false);
    expect(checkSender(() => top('http://localhost:5173/'), { allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'] }).trusted).toBe(true);
  });
});
