// Public surface of the incident domain.
export * from './author';
export * from './categories';
export * from './commands';
export * from './hlc';
export * from './ids';
export * from './incident';
export * from './lifecycle';
export * from './limits';
export * from './priority';
export * from './status';
export * from './timeline';
export * from './zoned-time';
export * from './templates';
export * from './attachment';
export * from './reference-defaults';
export * from './work-commands';
export * from './sla';
