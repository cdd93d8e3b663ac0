export * from './analysis';
export { type Estimate, type EstimateMethod, estimateUsage } from './estimate';
export * from './reads';
