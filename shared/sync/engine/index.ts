// Public surface of the host-agnostic sync engine: transport, replica contract, engine, scheduler, status.
export * from './backoff';
export * from './batch-size';
export * from './clock-skew';
export * from './connect-errors';
export * from './fetch-transport';
export * from './file-upload';
export * from './http-errors';
export * from './push-check';
export * from './replica';
export * from './replica-rules';
export * from './sent-marks';
export * from './sync-engine';
export * from './sync-error';
export * from './sync-report';
export * from './sync-scheduler';
export * from './sync-status';
export * from './transport';
