export * from './loop-a';
export { analytics } from './loop-a';
