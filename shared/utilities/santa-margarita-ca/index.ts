import type { UtilityInput } from '../utility';
import { santaMargarita as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
};
