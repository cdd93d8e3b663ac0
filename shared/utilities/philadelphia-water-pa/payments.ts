import { capNotGathered, defaultPaymentSettings } from '../../payments/settings';
import { philadelphiaWaterPolicy as policy } from './collections';

/** How the utility applies a payment, and what a returned one costs (docs/payments.md). */
export const payments = defaultPaymentSettings(
  policy,
  'PA',
  capNotGathered('Pennsylvania: no cap on a returned-item fee was gathered'),
);
