// Public surface of SLA policies, clocks, calendars and automatic escalation.
export * from './calendar';
export * from './holidays';
export * from './clock';
export * from './deterministic-id';
export * from './escalation';
export * from './policy';
export * from './assignment';
export * from './policy-edits';
export * from './timeline-input';
export * from './order-key';
export { isKnownTimeZone, parseFixedOffset } from './zone-offset';
export * from './watch';
export * from './stakeholder-updates';
export * from './notification-wire';
export * from './priority-history';
export { completeLevels } from './level-fill';
export * from './priority-changes';
