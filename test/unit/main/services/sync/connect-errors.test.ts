// What a person reads when Connect fails: a refused code vs a device HQ already knows (which needs a re-enrollment code).
import { describe, expect, it } from 'vitest';
import { CONNECT_MESSAGES, describeConnectError } from '../../../../../main/services/sync/connect-errors';
import { syncErrorFromAnswer, DEVICE_ALREADY_ENROLLED } from '../../../../../shared/sync/engine/http-errors';
import { PROTOCOL_VERSION } from '../../../../../shared/sync/wire';

describe('describeConnectError', () => {
  it('says a wrong or used code was refused', () => {
    const error = syncErrorFromAnswer(401, { error: 'enrollment-invalid', message: 'Unknown or used code.' }, null, PROTOCOL_VERSION);
    expect(describeConnectError(error)).toBe(CONNECT_MESSAGES.codeRefused);
  });

  it('tells a device HQ already knows to ask for a re-enrollment code, not that the code was mistyped', () => {
    const error = syncErrorFromAnswer(409, { error: 'device-exists', message: 'Device dev-a is already enrolled.' }, null, PROTOCOL_VERSION);
    expect(describeConnectError(error)).toBe(DEVICE_ALREADY_ENROLLED);
    expect(describeConnectError(error)).toMatch(/re-enrollment code/);
  });
});
