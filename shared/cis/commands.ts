import { z } from 'zod';
import type { Role } from '../ipc/roles';
import {
  decideAdjustment,
  decideAdjustmentResult,
  postAdjustment,
  postAdjustmentResult,
} from './commands/adjustments';
import { createArrangement, createArrangementResult } from './commands/arrangements';
import {
  enrollAssistance,
  enrollAssistanceResult,
  recordRightsInformed,
  recordRightsInformedResult,
} from './commands/assistance';
import {
  cancelRebill,
  cancelRebillResult,
  completeFieldOrder,
  completeFieldOrderResult,
  reviewBill,
  reviewBillResult,
} from './commands/bills';
import {
  addCaseNote,
  addCaseNoteResult,
  closeCase,
  closeCaseResult,
  openCase,
  openCaseResult,
} from './commands/cases';
import { updateContactInfo, updateContactInfoResult } from './commands/contact';
import {
  closeCounterDay,
  closeCounterDayResult,
  closeDrawer,
  closeDrawerResult,
  openDrawer,
  openDrawerResult,
  reopenDrawer,
  reopenDrawerResult,
  voidPayment,
  voidPaymentResult,
} from './commands/counter';
import {
  recordEmailConsent,
  recordEmailConsentResult,
  sendLetter,
  sendLetterResult,
} from './commands/letters';
import {
  addNote,
  addNoteResult,
  recordInteraction,
  recordInteractionResult,
} from './commands/notes';
import { issueNotice, issueNoticeResult } from './commands/notices';
import {
  postPayment,
  postPaymentResult,
  returnPayment,
  returnPaymentResult,
  reversePayment,
  reversePaymentResult,
  transferPayment,
  transferPaymentResult,
} from './commands/payments';
import {
  recordBankruptcy,
  recordBankruptcyOutcome,
  recordBankruptcyOutcomeResult,
  recordBankruptcyResult,
  recordInvestigationFinding,
  recordInvestigationFindingResult,
  recordLifeSupport,
  recordLifeSupportResult,
  recordMedicalCertificate,
  recordMedicalCertificateResult,
  recordSb998Condition,
  recordSb998ConditionResult,
  referUnauthorizedUse,
  referUnauthorizedUseResult,
} from './commands/protections';
import {
  enterRead,
  enterReadResult,
  postEstimatedRead,
  postEstimatedReadResult,
  resolveReadException,
  resolveReadExceptionResult,
} from './commands/reads';
import {
  decideRefund,
  decideRefundResult,
  issueRefund,
  issueRefundResult,
  requestRefund,
  requestRefundResult,
  writeOffBalance,
  writeOffBalanceResult,
} from './commands/refunds';
import {
  changeAccountHolder,
  changeAccountHolderResult,
  startService,
  startServiceResult,
  stopService,
  stopServiceResult,
  transferService,
  transferServiceResult,
} from './commands/service-changes';
import { requestServiceOrder, requestServiceOrderResult } from './commands/service-orders';
import { completeTask, completeTaskResult, createTask, createTaskResult } from './commands/tasks';
import {
  assignWorklist,
  assignWorklistResult,
  buildWorklist,
  buildWorklistResult,
  recordCallOutcome,
  recordCallOutcomeResult,
  recordPromise,
  recordPromiseResult,
} from './commands/worklists';
import { INT4_MAX, instant } from './entities';
import { UNSTORABLE_MESSAGE, unstorablePath } from './text';

export { drawerId } from './commands/counter';
export type { BookedOrder } from './commands/fields';
export { type AccountAfterPayment, MAX_PAYMENT_CENTS, returnReason } from './commands/payments';
export {
  checkNumber,
  type RefundReason,
  type RefundStatus,
  refundReason,
  refundStatus,
} from './commands/refunds';
export { type DepositFacts, depositFacts } from './commands/service-changes';
export {
  type DisconnectionScreening,
  disconnectionScreening,
} from './commands/service-orders';
export { type WorklistCriteria, worklistCriteria } from './commands/worklists';

/**
 * Writes to the CIS are commands, never row edits. The server validates each against the
 * account's current state and accepts it or rejects it with a reason. Each command's request and
 * result are declared together, one file per family, in `commands/`.
 */
export const command = z
  .discriminatedUnion('type', [
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
  ])
  .superRefine((c, ctx) => {
    const path = unstorablePath(c);
    if (path) ctx.addIssue({ code: 'custom', message: UNSTORABLE_MESSAGE, path });
  });
export type Command = z.infer<typeof command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What the central system answers each command with, once applied. */
export const commandResults = {
  addNote: addNoteResult,
  recordInteraction: recordInteractionResult,
  createArrangement: createArrangementResult,
  requestServiceOrder: requestServiceOrderResult,
  postAdjustment: postAdjustmentResult,
  decideAdjustment: decideAdjustmentResult,
  issueNotice: issueNoticeResult,
  updateContactInfo: updateContactInfoResult,
  changeAccountHolder: changeAccountHolderResult,
  startService: startServiceResult,
  stopService: stopServiceResult,
  transferService: transferServiceResult,
  enrollAssistance: enrollAssistanceResult,
  recordRightsInformed: recordRightsInformedResult,
  enterRead: enterReadResult,
  postEstimatedRead: postEstimatedReadResult,
  resolveReadException: resolveReadExceptionResult,
  reviewBill: reviewBillResult,
  cancelRebill: cancelRebillResult,
  completeFieldOrder: completeFieldOrderResult,
  postPayment: postPaymentResult,
  returnPayment: returnPaymentResult,
  transferPayment: transferPaymentResult,
  reversePayment: reversePaymentResult,
  openDrawer: openDrawerResult,
  voidPayment: voidPaymentResult,
  closeDrawer: closeDrawerResult,
  reopenDrawer: reopenDrawerResult,
  closeCounterDay: closeCounterDayResult,
  requestRefund: requestRefundResult,
  decideRefund: decideRefundResult,
  issueRefund: issueRefundResult,
  writeOffBalance: writeOffBalanceResult,
  openCase: openCaseResult,
  addCaseNote: addCaseNoteResult,
  closeCase: closeCaseResult,
  createTask: createTaskResult,
  completeTask: completeTaskResult,
  sendLetter: sendLetterResult,
  recordEmailConsent: recordEmailConsentResult,
  recordBankruptcy: recordBankruptcyResult,
  recordBankruptcyOutcome: recordBankruptcyOutcomeResult,
  recordMedicalCertificate: recordMedicalCertificateResult,
  recordLifeSupport: recordLifeSupportResult,
  recordSb998Condition: recordSb998ConditionResult,
  referUnauthorizedUse: referUnauthorizedUseResult,
  recordInvestigationFinding: recordInvestigationFindingResult,
  recordPromise: recordPromiseResult,
  buildWorklist: buildWorklistResult,
  assignWorklist: assignWorklistResult,
  recordCallOutcome: recordCallOutcomeResult,
} as const satisfies Record<CommandType, z.ZodType>;
export type CommandResult<T extends CommandType> = z.output<(typeof commandResults)[T]>;

/**
 * The least role that may issue each command. The server refuses a command above the caller's
 * role; the desktop's IPC channels carry the same split. An adjustment above an agent's money
 * limit is not refused: it waits for a lead (the policy's approval limits decide).
 */
export const commandRoles: Record<CommandType, Role> = {
  addNote: 'agent',
  recordInteraction: 'agent',
  createArrangement: 'agent',
  requestServiceOrder: 'agent',
  postAdjustment: 'agent',
  decideAdjustment: 'lead',
  issueNotice: 'agent',
  updateContactInfo: 'agent',
  changeAccountHolder: 'agent',
  startService: 'agent',
  stopService: 'agent',
  transferService: 'agent',
  enrollAssistance: 'agent',
  recordRightsInformed: 'agent',
  enterRead: 'agent',
  postEstimatedRead: 'agent',
  resolveReadException: 'lead',
  reviewBill: 'lead',
  /** Within the agent's limit an agent may; above it the difference waits for a lead or manager. */
  cancelRebill: 'agent',
  completeFieldOrder: 'agent',
  postPayment: 'agent',
  /** A bank's return is back-office work: a lead enters it or imports the bank's file. */
  returnPayment: 'lead',
  /** Within the agent's limit an agent may; above it the handler asks for a lead (or an admin). */
  transferPayment: 'agent',
  reversePayment: 'agent',
  /** The counter: a cashier (an agent) opens and closes their own drawer; a lead voids, signs off, reopens. */
  openDrawer: 'agent',
  voidPayment: 'lead',
  closeDrawer: 'agent',
  reopenDrawer: 'lead',
  closeCounterDay: 'lead',
  /** Within the asker's total an agent's refund is approved at once; above it, it waits. */
  requestRefund: 'agent',
  decideRefund: 'lead',
  /** Accounts payable's answer, entered from its file by the back office. */
  issueRefund: 'lead',
  /** Within the agent's total an agent may; above it the handler asks for a lead (or an admin). */
  writeOffBalance: 'agent',
  openCase: 'agent',
  addCaseNote: 'agent',
  closeCase: 'lead',
  createTask: 'agent',
  completeTask: 'agent',
  sendLetter: 'agent',
  recordEmailConsent: 'agent',
  recordBankruptcy: 'agent',
  /** A discharge writes debt off: the handler asks for a lead for that outcome. */
  recordBankruptcyOutcome: 'agent',
  recordMedicalCertificate: 'agent',
  recordLifeSupport: 'agent',
  recordSb998Condition: 'agent',
  referUnauthorizedUse: 'agent',
  recordInvestigationFinding: 'agent',
  recordPromise: 'agent',
  /** A lead builds the collections worklists and hands them out; an agent works them. */
  buildWorklist: 'lead',
  assignWorklist: 'lead',
  recordCallOutcome: 'agent',
};

/** A command as the outbox sends it: exactly once and in order per client. */
export const commandEnvelope = z
  .object({
    clientId: z.string().uuid(),
    seq: z.number().int().positive().max(INT4_MAX),
    issuedAt: instant,
    command,
  })
  .strict();
export type CommandEnvelope = z.infer<typeof commandEnvelope>;

export const commandOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied'), result: z.record(z.string(), z.unknown()) }).strict(),
  /** Refused by the account's state or a rule: the reason is an i18n key of the `cis` namespace. */
  z
    .object({
      status: z.literal('rejected'),
      reasonKey: z.string(),
      details: z.record(z.string(), z.unknown()),
    })
    .strict(),
]);
export type CommandOutcome = z.infer<typeof commandOutcome>;

/**
 * The result of a command the central system applied, read with its command's schema; null while
 * it waits, when it was refused, or when the answer is not what this desktop knows the command
 * to answer (a newer or older server).
 */
export function resultOf<T extends CommandType>(
  type: T,
  outcome: CommandOutcome | null | undefined,
): CommandResult<T> | null {
  if (outcome?.status !== 'applied') return null;
  const parsed = commandResults[type].safeParse(outcome.result);
  return parsed.success ? (parsed.data as CommandResult<T>) : null;
}

export const pushRequest = z
  .object({
    clientId: z.string().uuid(),
    commands: z
      .array(
        z
          .object({
            seq: z.number().int().positive().max(INT4_MAX),
            issuedAt: instant,
            command: z.unknown(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();
export const pushResult = z
  .object({
    seq: z.number().int(),
    outcome: commandOutcome,
    /** True when the server had already applied this seq and answers its stored outcome. */
    duplicate: z.boolean(),
  })
  .strict();
export const pushResponse = z
  .object({
    results: z.array(pushResult),
    /** The last seq the server has applied for this client. */
    lastApplied: z.number().int().nonnegative(),
    /** Set when a seq arrived before an earlier one: nothing after it was applied. */
    gapAt: z.number().int().nullable(),
  })
  .strict();
export type PushResponse = z.infer<typeof pushResponse>;
