// Re-exports that go round in a circle: nothing at the end of them.
export * from './loop-b';
export { analytics } from './loop-b';
