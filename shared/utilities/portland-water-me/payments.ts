import { capNotGathered, defaultPaymentSettings } from '../../payments/settings';
import { portlandWaterPolicy as policy } from './collections';

/** How the utility applies a payment, and what a returned one costs (docs/payments.md). */
export const payments = defaultPaymentSettings(
  policy,
  'ME',
  capNotGathered(
    'Maine PUC 65-407 C.M.R. Chapter 870: sets the maximum returned-check fee; the amount was not gathered',
  ),
);
