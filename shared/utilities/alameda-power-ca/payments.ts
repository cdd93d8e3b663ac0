import { CALIFORNIA_1719_CAP, defaultPaymentSettings } from '../../payments/settings';
import { policy } from './collections';

/** How the utility applies a payment, and what a returned one costs (docs/payments.md). */
export const payments = defaultPaymentSettings(policy, 'AP', CALIFORNIA_1719_CAP);
