// A barrel that passes the helpers on.
export * from './tracking';
export * from './format';
