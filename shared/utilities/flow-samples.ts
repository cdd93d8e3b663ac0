import { z } from 'zod';
import type { SampleOptions } from '../flows/samples';

/**
 * What a flow's preview needs to invent an account of the utility: a street's town and ZIP code,
 * the unit its bills count use in and the usual size of a period's use in that unit, and the
 * situations the authoring preview offers (each preset's label is a `flows:authoring.samples`
 * key). Names, numbers and addresses are invented.
 */
export const flowSamplesSchema = z.object({
  place: z.object({
    city: z.string().min(1),
    state: z.string().length(2),
    zip: z.string().regex(/^\d{5}$/),
    municipality: z.string().min(1),
  }),
  unit: z.string().min(1),
  /** A period's use in the unit's usual size: tenths of an Mcf, CCF, tens of kWh. */
  usageScale: z.number().positive(),
  presets: z.array(z.object({ id: z.string().min(1), options: z.record(z.string(), z.unknown()) })),
});

export interface FlowSamples {
  place: { city: string; state: string; zip: string; municipality: string };
  unit: string;
  usageScale: number;
  presets: readonly { id: string; options: Omit<SampleOptions, 'utilityId'> }[];
}
