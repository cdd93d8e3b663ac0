import { auditCommand } from './audit';
import { bankruptcyCommand } from './bankruptcy';
import { billCommand } from './bill';
import {
  adjustCommand,
  arrangementCommand,
  depositCommand,
  screenCommand,
  shutoffCommand,
} from './collections';
import { drawerCommand, payCommand } from './counter';
import { owrsCheckCommand } from './owrs-check';
import { returnedPaymentCommand } from './payments';
import { seedCommand } from './seed';
import { twilioSetupCommand } from './twilio-setup';
import type { CliCommand } from './types';
import { usersCommand } from './users';
import { promiseCommand, worklistCommand } from './worklists';

/** Every command of the command line; a feature adds its commands here. */
export const commands: CliCommand[] = [
  billCommand,
  auditCommand,
  owrsCheckCommand,
  arrangementCommand,
  shutoffCommand,
  depositCommand,
  adjustCommand,
  screenCommand,
  seedCommand,
  returnedPaymentCommand,
  payCommand,
  drawerCommand,
  bankruptcyCommand,
  usersCommand,
  twilioSetupCommand(),
  promiseCommand,
  worklistCommand,
];
