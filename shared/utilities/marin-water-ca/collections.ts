import { californiaPolicy } from '../california-sb998';

/** Collections under California's SB 998, the utility's own settings labelled as such. */
export const policy = californiaPolicy('marin-water-ca', 'Marin Municipal Water District', 'water');
