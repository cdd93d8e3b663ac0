import { auditCommand } from './audit';
import { billCommand } from './bill';
import {
  adjustCommand,
  arrangementCommand,
  depositCommand,
  screenCommand,
  shutoffCommand,
} from './collections';
import { owrsCheckCommand } from './owrs-check';
import { returnedPaymentCommand } from './payments';
import { seedCommand } from './seed';
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
  usersCommand,
  promiseCommand,
  worklistCommand,
];
