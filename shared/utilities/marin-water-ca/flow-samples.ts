import type { FlowSamples } from '../flow-samples';

/** A flow preview's account here: its street's town, its unit, and the situations offered. */
export const flowSamples: FlowSamples = {
  place: { city: 'San Rafael', state: 'CA', zip: '94901', municipality: 'San Rafael' },
  unit: 'CCF',
  usageScale: 1,
  presets: [],
};
