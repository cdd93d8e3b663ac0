import {
  type Command,
  type CommandOf,
  type CommandResult,
  type CommandType,
  cardNumberIn,
  commandResults,
  commandRoles,
} from '../../shared/cis';
import { roleAtLeast } from '../../shared/ipc/roles';
import { type Applying, appendChanges, type CommandContext, type Handler } from './context';
import { decideAdjustment, postAdjustment } from './handlers/adjustments';
import { createArrangement } from './handlers/arrangements';
import { enrollAssistance, recordRightsInformed } from './handlers/assistance';
import { cancelRebill, completeFieldOrder, reviewBill } from './handlers/bills';
import { addCaseNote, closeCase, openCase } from './handlers/cases';
import { updateContactInfo } from './handlers/contact';
import {
  closeCounterDay,
  closeDrawer,
  openDrawer,
  reopenDrawer,
  voidPayment,
} from './handlers/counter';
import { recordEmailConsent, sendLetter } from './handlers/letters';
import { addNote, recordInteraction } from './handlers/notes';
import { issueNotice } from './handlers/notices';
import { reversePayment, transferPayment } from './handlers/payment-corrections';
import { postPayment, returnPayment } from './handlers/payments';
import { recordPromise } from './handlers/promises';
import {
  recordBankruptcy,
  recordBankruptcyOutcome,
  recordInvestigationFinding,
  recordLifeSupport,
  recordMedicalCertificate,
  recordSb998Condition,
  referUnauthorizedUse,
} from './handlers/protections';
import { enterRead, postEstimatedRead, resolveReadException } from './handlers/reads';
import { decideRefund, issueRefund, requestRefund } from './handlers/refunds';
import {
  changeAccountHolder,
  startService,
  stopService,
  transferService,
} from './handlers/service-changes';
import { requestServiceOrder } from './handlers/service-orders';
import { completeTask, createTask } from './handlers/tasks';
import { assignWorklist, buildWorklist, recordCallOutcome } from './handlers/worklists';
import { writeOffBalance } from './handlers/write-offs';
import { Rejection } from './rejection';

export { appendChanges, type CommandContext } from './context';
export { auditRejection, failedCommand, outcomeOfRejection, Rejection } from './rejection';
export { isTransient } from './transient';

/** Every command of the CIS API and the one handler that applies it. */
export const handlers: { [K in CommandType]: Handler<K> } = {
  addNote,
  recordInteraction,
  createArrangement,
  requestServiceOrder,
  postAdjustment,
  decideAdjustment,
  issueNotice,
  updateContactInfo,
  changeAccountHolder,
  startService,
  stopService,
  transferService,
  enrollAssistance,
  recordRightsInformed,
  enterRead,
  postEstimatedRead,
  resolveReadException,
  reviewBill,
  cancelRebill,
  completeFieldOrder,
  postPayment,
  returnPayment,
  transferPayment,
  reversePayment,
  openDrawer,
  voidPayment,
  closeDrawer,
  reopenDrawer,
  closeCounterDay,
  requestRefund,
  decideRefund,
  issueRefund,
  writeOffBalance,
  openCase,
  addCaseNote,
  closeCase,
  createTask,
  completeTask,
  sendLetter,
  recordEmailConsent,
  recordBankruptcy,
  recordBankruptcyOutcome,
  recordMedicalCertificate,
  recordLifeSupport,
  recordSb998Condition,
  referUnauthorizedUse,
  recordInvestigationFinding,
  recordPromise,
  buildWorklist,
  assignWorklist,
  recordCallOutcome,
};

function run<K extends CommandType>(ctx: Applying, command: CommandOf<K>) {
  return (handlers[command.type] as Handler<K>)(ctx, command);
}

/**
 * Applies one command inside the caller's transaction, or throws Rejection: the caller's role
 * checked, a card number refused, the handler of its type run, and its result checked against
 * the command's result schema (a result the desk could not read is a fault of this server).
 * Its changes reach the change log last, so the log's lock is held only while the transaction
 * ends.
 */
export async function applyCommand(
  ctx: CommandContext,
  command: Command,
): Promise<CommandResult<CommandType>> {
  const needed = commandRoles[command.type];
  if (!roleAtLeast(ctx.principal.role, needed))
    throw new Rejection('cis:rejected.roleNotAllowed', { role: needed });
  if (cardNumberIn(command)) throw new Rejection('cis:rejected.cardNumber');
  const applying: Applying = { ...ctx, changes: [] };
  const result = commandResults[command.type].safeParse(await run(applying, command));
  if (!result.success)
    throw new Error(`${command.type} answered outside its result schema: ${result.error.message}`);
  await appendChanges(ctx.tx, applying.changes);
  return result.data;
}
