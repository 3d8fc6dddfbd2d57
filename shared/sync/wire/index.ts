// Public surface of the sync wire format: protocol constants, request/response schemas, error codes.
export * from './admin';
export * from './common';
export * from './enroll';
export * from './errors';
export * from './file-refs';
export * from './files';
export * from './protocol';
export * from './pull';
export * from './push';
export * from './read-api';
