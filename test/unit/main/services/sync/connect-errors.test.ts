// What a person reads when Connect fails: a refused code vs a device HQ already knows, a missing keyring vs a bad key file.
import { describe, expect, it } from 'vitest';
import { SECRET_STORE_MESSAGES, SecretStoreError } from '../../../../../main/services/secrets/secret-store';
import { CONNECT_MESSAGES, describeConnectError } from '../../../../../main/services/sync/connect-errors';
import { CONNECT_FAILURE_MESSAGES, CONNECT_OUTCOME } from '../../../../../shared/sync/engine/connect-errors';
import { syncErrorFromAnswer, DEVICE_ALREADY_ENROLLED } from '../../../../../shared/sync/engine/http-errors';
import { PROTOCOL_VERSION } from '../../../../../shared/sync/wire';

const target = { hqUrl: 'https://hq.example.org', deviceId: 'dev-a' };

describe('describeConnectError', () => {
  it('says a wrong or used code was refused', () => {
    const error = syncErrorFromAnswer(401, { error: 'enrollment-invalid', message: 'Unknown or used code.' }, null, PROTOCOL_VERSION);
    expect(describeConnectError(error, target)).toBe(`${CONNECT_FAILURE_MESSAGES.codeRefused()} ${CONNECT_OUTCOME.notConnected}`);
  });

  it('tells a device HQ already knows to ask for a re-enrollment code, not that the code was mistyped', () => {
    const error = syncErrorFromAnswer(409, { error: 'device-exists', message: 'Device dev-a is already enrolled.' }, null, PROTOCOL_VERSION);
    expect(describeConnectError(error, target)).toBe(DEVICE_ALREADY_ENROLLED);
    expect(describeConnectError(error, target)).toMatch(/re-enrollment code/);
  });

  it('tells a missing keyring apart from an unreadable key file', () => {
    expect(describeConnectError(new SecretStoreError('unavailable', SECRET_STORE_MESSAGES.unavailable), target)).toBe(CONNECT_MESSAGES.tokenStorage);
    expect(describeConnectError(new SecretStoreError('unreadable', SECRET_STORE_MESSAGES.unreadable), target)).toBe(CONNECT_MESSAGES.secretsUnreadable);
    expect(describeConnectError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), target)).toBe(CONNECT_MESSAGES.saveFailed);
  });
});
