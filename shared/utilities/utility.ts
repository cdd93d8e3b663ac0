import {
  loadOutboundSettings,
  type OutboundSettings,
  type OutboundSettingsInput,
} from '../collections/outbound';
import {
  type CollectionPolicy,
  type CollectionPolicyInput,
  loadPolicy,
} from '../collections/policy';
import {
  type FollowUpSettings,
  type FollowUpSettingsInput,
  loadFollowUpSettings,
} from '../follow-up/settings';
import {
  type PaymentSettings,
  type PaymentSettingsInput,
  paymentSettings,
} from '../payments/settings';
import { loadProfile, type UtilityProfile, type UtilityProfileInput } from '../rates/schema';
import {
  type FieldServiceProfile,
  type FieldServiceProfileInput,
  loadFieldServiceProfile,
} from '../service/profile';
import { type FlowSamples, flowSamplesSchema } from './flow-samples';
import { type UtilityLines, utilityLinesSchema } from './lines';
import { type SeedModel, seedModelSchema } from './seed';

/**
 * Everything that makes one utility itself, gathered in its folder (`shared/utilities/<id>/`)
 * and listed once in `shared/utilities/index.ts`. Every other part of Tapline reads a utility
 * through this object; none tests a utility's id.
 */
export interface UtilityInput {
  id: string;
  /** Its rates: a native profile or an OWRS file, each charge with its source. */
  rates: UtilityProfileInput;
  /** Its collection policy: arrangements, disconnection, deposits, fees, assistance, cited. */
  collections: CollectionPolicyInput;
  /** Its field service: the calendar that closes the field office, windows, emergencies. */
  service: FieldServiceProfileInput;
  /** How it applies a payment, its returned-item fee and cap, its cash-only period. */
  payments: PaymentSettingsInput;
  /** Its contact-center lines and queues, the numbers a script hands a caller to. */
  lines: UtilityLines;
  /** What a flow's preview invents an account of the utility from. */
  flowSamples: FlowSamples;
  /** Its follow-up: days to answer each kind of case, escalation, the disputed-amount hold. */
  followUp: FollowUpSettingsInput;
  /** Its outbound collections: promises to pay, calling hours, when a worked account returns. */
  outbound: OutboundSettingsInput;
  /** How the synthetic CIS invents its customers: places, usage, bill inputs. */
  seed: SeedModel;
}

/** A utility as loaded: each part validated against its schema. */
export interface Utility {
  id: string;
  rates: UtilityProfile;
  collections: CollectionPolicy;
  service: FieldServiceProfile;
  payments: PaymentSettings;
  lines: UtilityLines;
  flowSamples: FlowSamples;
  followUp: FollowUpSettings;
  outbound: OutboundSettings;
  seed: SeedModel;
}

/** Validates every part of a utility and checks that each part names the utility's id. */
export function loadUtility(input: UtilityInput): Utility {
  const rates = loadProfile(input.rates);
  const collections = loadPolicy(input.collections);
  const service = loadFieldServiceProfile(input.service);
  const payments = paymentSettings.parse(input.payments);
  utilityLinesSchema.parse(input.lines);
  flowSamplesSchema.parse(input.flowSamples);
  seedModelSchema.parse(input.seed);
  const followUp = loadFollowUpSettings(input.followUp);
  const outbound = loadOutboundSettings(input.outbound);
  const mismatched = [
    ['followUp', followUp.utilityId],
    ['outbound', outbound.utilityId],
    ['rates', rates.id],
    ['collections', collections.utilityId],
    ['service', service.utilityId],
    ['payments', payments.utilityId],
  ].filter(([, id]) => id !== input.id);
  if (mismatched.length)
    throw new Error(
      `utility ${input.id}: ${mismatched.map(([part, id]) => `${part} names ${id}`).join(', ')}`,
    );
  return { ...input, rates, collections, service, payments, followUp, outbound };
}
