// Which HQ addresses send the enrollment code, token and incident data unencrypted over a network (http:// off this computer).
import { describe, expect, it } from 'vitest';
import { hqHostName, isLoopbackHqUrl, isUnencryptedHqUrl } from '../../../../shared/ipc/schemas/hq-url';

describe('isUnencryptedHqUrl', () => {
  it.each(['http://hq.lan', 'http://10.0.0.5:8080', 'HTTP://HQ.example.org/lantern', 'http://127.0.0.1.example.org', 'http://localhost.example.org', 'http://[::2]:3000', 'http://128.0.0.1'])(
    'warns for %s',
    (url) => {
      expect(isUnencryptedHqUrl(url)).toBe(true);
    },
  );

  it.each(['https://hq.lan', 'https://10.0.0.5', 'http://127.0.0.1:4000', 'http://127.1.2.3', 'http://localhost', 'http://LOCALHOST:3000/', 'http://hq.localhost', 'http://[::1]:3000', ' http://localhost. '])(
    'does not warn for %s',
    (url) => {
      expect(isUnencryptedHqUrl(url)).toBe(false);
    },
  );

  it('knows loopback addresses and names the host', () => {
    expect(isLoopbackHqUrl('http://127.0.0.300')).toBe(false);
    expect(isLoopbackHqUrl('https://localhost:9')).toBe(true);
    expect(hqHostName('http://HQ.Lan:8080/lantern')).toBe('hq.lan');
  });
});
