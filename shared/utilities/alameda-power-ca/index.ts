import type { UtilityInput } from '../utility';
import { alamedaPower as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
};
