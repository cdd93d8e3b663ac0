import { defaultOutboundSettings } from '../../collections/outbound';

/**
 * Outbound collections: no rule on promises to pay, calling hours or when to call again was
 * gathered for this utility; Tapline's defaults, each labelled with its setting.
 */
export const outbound = defaultOutboundSettings('philadelphia-water-pa');
