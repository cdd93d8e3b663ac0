export * from './cases';
export { getFollowUpSettings } from './registry';
export * from './settings';
