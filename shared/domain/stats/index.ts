// Public surface of the incident statistics.
export * from './incident-stats';
export * from './resolution-time';
export * from './stats-scope';
