import {
  CALIFORNIA_1719_CAP,
  defaultPaymentSettings,
  walkInCounter,
} from '../../payments/settings';
import { policy } from './collections';

/**
 * How the utility applies a payment, what a returned one costs, and its walk-in counter
 * (docs/payments.md).
 */
export const payments = {
  ...defaultPaymentSettings(policy, 'AP', CALIFORNIA_1719_CAP),
  counter: walkInCounter(policy.utilityName),
};
