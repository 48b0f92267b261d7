export * from './analytics';
export { tracking, getCio } from './customerio';
