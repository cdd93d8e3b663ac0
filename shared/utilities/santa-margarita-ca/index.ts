import type { UtilityInput } from '../utility';
import { policy as collections } from './collections';
import { santaMargarita as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
  collections,
};
