import type { Command } from '../cis/commands';
import type { ServiceOrderType } from '../cis/entities';

/** The wrap-up code each kind of work points to: the call was about what the agent did on it. */
const BY_COMMAND: Partial<Record<Command['type'], string>> = {
  createArrangement: 'payment-arrangement',
  enrollAssistance: 'assistance',
  issueNotice: 'disconnection',
  postAdjustment: 'billing-question',
  startService: 'start-stop-service',
  stopService: 'start-stop-service',
  transferService: 'start-stop-service',
};

const BY_ORDER: Partial<Record<ServiceOrderType, string>> = {
  'turn-on': 'start-stop-service',
  'turn-off': 'start-stop-service',
  'final-read': 'start-stop-service',
  reread: 'high-bill',
  'meter-test': 'high-bill',
  'leak-investigation': 'leak-emergency',
  'emergency-no-water': 'leak-emergency',
  'emergency-main-break': 'leak-emergency',
  'field-disconnect': 'disconnection',
  'unauthorized-use-investigation': 'disconnection',
};

/** The commands that suggest a wrap-up code (the desk names each when it suggests). */
export const commandsSuggestingWrapUp = [
  ...(Object.keys(BY_COMMAND) as Command['type'][]),
  'requestServiceOrder',
] as const;

/**
 * The wrap-up code a command made on a call suggests, if the team uses it. A note, a contact
 * change or the record of the call itself says nothing about what the call was for: null.
 */
export function wrapUpCodeFor(command: Command, teamCodes: readonly string[]): string | null {
  const code =
    command.type === 'requestServiceOrder' ? BY_ORDER[command.orderType] : BY_COMMAND[command.type];
  return code && teamCodes.includes(code) ? code : null;
}
