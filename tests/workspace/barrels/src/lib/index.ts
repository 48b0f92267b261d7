export { default as analytics } from './analytics';
export * from './track';
