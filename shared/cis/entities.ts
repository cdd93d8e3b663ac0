import { z } from 'zod';
import { parsePlainDate } from '../dates';
import { roles } from '../ipc/roles';

/**
 * The reference CIS's data model, as the API and the desktop cache see it. Money is integer
 * cents (`*Cents`), calendar dates are `YYYY-MM-DD`, instants are ISO timestamps. A utility with
 * its own CIS (CC&B, SAP IS-U, ...) writes an adapter that serves these shapes.
 */
export const cents = z.number().int();

/** Years a record of a utility's customers can carry: a year 0 or 9999 is a typing slip. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), in years a record can carry. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((text) => {
    const day = parsePlainDate(text);
    return day !== null && day.year >= FIRST_YEAR && day.year <= LAST_YEAR;
  }, `a calendar date between ${FIRST_YEAR} and ${LAST_YEAR}`);
/** An ISO timestamp with its offset, on a calendar date that exists, in the same years. */
export const instant = z
  .string()
  .datetime({ offset: true })
  .refine((text) => {
    const year = Number(text.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR && parsePlainDate(text.slice(0, 10)) !== null;
  }, `a time between ${FIRST_YEAR} and ${LAST_YEAR}`);
/** The largest value of a 4-byte integer column. */
export const INT4_MAX = 2_147_483_647;
/** The code of a late payment charge on a bill: the line a late-fee reversal credits. */
export const LATE_FEE_LINE = 'late-fee';
/**
 * The code of a late charge waived on the bill that assessed it (California SB 998 §116914): a
 * credit of the charge's amount beside its `late-fee` line, so the bill owes nothing for it.
 */
export const LATE_FEE_WAIVED_LINE = 'late-fee-waived';

/** The late charge a bill leaves owing: its late-fee lines less any waived on the bill itself. */
export function lateFeeOnBill(lines: { code: string; amountCents: number }[]): number {
  return lines
    .filter((l) => l.code === LATE_FEE_LINE || l.code === LATE_FEE_WAIVED_LINE)
    .reduce((sum, l) => sum + l.amountCents, 0);
}
export const language = z.enum(['en', 'es']);
export type Language = z.infer<typeof language>;

export const phone = z
  .object({
    number: z.string().regex(/^\+?[0-9]{10,15}$/),
    kind: z.enum(['mobile', 'home', 'work']),
  })
  .strict();
export const address = z
  .object({
    line1: z.string().min(1).max(120),
    line2: z.string().max(120).optional(),
    city: z.string().min(1).max(60),
    state: z.string().length(2),
    zip: z.string().regex(/^\d{5}(-\d{4})?$/),
  })
  .strict();
export type Address = z.infer<typeof address>;

/** A reference to a document the utility keeps (a scan, a court notice): not the document. */
export const documentRef = z.string().trim().min(1).max(120);

/** A protection recorded at the desk from a document, in force through `expiresOn` (null: no end). */
export const protectionRecord = z
  .object({ documentRef, recordedOn: isoDay, expiresOn: isoDay.nullable() })
  .strict();

export const sb998Condition = z.enum(['financial-inability', 'willing-to-enter-plan']);
export const sb998Record = z
  .object({
    condition: sb998Condition,
    documentRef,
    recordedOn: isoDay,
    expiresOn: isoDay.nullable(),
  })
  .strict();

export const bankruptcyChapter = z.union([z.literal(7), z.literal(11), z.literal(13)]);
export const bankruptcyCase = z
  .object({
    chapter: bankruptcyChapter,
    caseNumber: z.string().trim().min(1).max(40),
    court: z.string().trim().min(1).max(120),
    /** The order for relief: the filing itself in a voluntary case (11 U.S.C. §301). */
    filedOn: isoDay,
    documentRef: documentRef.optional(),
    /** The account's open amount from before the filing, held by the stay. */
    prePetitionCents: z.number().int().min(0).max(INT4_MAX),
    assurance: z.enum(['none', 'received', 'deposit-requested']),
    outcome: z.enum(['dismissed', 'discharged']).nullable(),
    outcomeOn: isoDay.nullable(),
  })
  .strict();
export type BankruptcyCaseRecord = z.infer<typeof bankruptcyCase>;

export const investigation = z
  .object({
    accountNumber: z.string().max(20),
    serviceOrderId: z.string().min(1),
    openedOn: isoDay,
    reason: z.enum(['unauthorized-use', 'tampering']),
  })
  .strict();

export const protections = z
  .object({
    medicalCertificate: z
      .object({
        certifiedOn: isoDay,
        expiresOn: isoDay.nullable(),
        /**
         * A certification given orally: the day its written confirmation arrived, or null while
         * it is awaited. Left out, the certificate was given in writing.
         */
        writtenConfirmationOn: isoDay.nullable().optional(),
        /** Who certified it (a physician; in California a primary care provider). */
        certifiedBy: z.string().max(120).optional(),
        /** The certificate's reference in the utility's document store. */
        documentRef: documentRef.optional(),
        /** How many times it was renewed (each renewal starts a new length). */
        renewals: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .nullable(),
    lifeSupport: z.boolean(),
    /** The record behind `lifeSupport`, when recorded at the desk: its document and its end. */
    lifeSupportRecord: protectionRecord.optional(),
    lowIncome: z.boolean(),
    bankruptcy: z.boolean(),
    /** The customer's bankruptcy case, when recorded at the desk. */
    bankruptcyCase: bankruptcyCase.nullable().optional(),
    /** California SB 998 conditions shown to the utility (Health & Safety Code §116910). */
    sb998: z.array(sb998Record).max(10).optional(),
    /** An unauthorized-use or tampering investigation holding the account's pending actions. */
    investigation: investigation.nullable().optional(),
  })
  .strict();
export type Protections = z.infer<typeof protections>;

export const customer = z
  .object({
    id: z.string(),
    name: z.string(),
    preferredLanguage: language,
    phones: z.array(phone),
    emails: z.array(z.string().email()),
    mailingAddress: address,
    protections,
  })
  .strict();
export type Customer = z.infer<typeof customer>;

export const accountStatus = z.enum([
  'active',
  'inactive',
  'pending-start',
  'pending-stop',
  'closed',
]);
export const accountClass = z.enum(['residential', 'commercial']);

export const pastDue = z
  .object({
    totalCents: cents,
    days: z.number().int().nonnegative(),
    over30Cents: cents,
    over60Cents: cents,
    over90Cents: cents,
  })
  .strict();

export const premise = z
  .object({ id: z.string(), address, municipality: z.string(), vacant: z.boolean() })
  .strict();
export const meter = z
  .object({
    id: z.string(),
    servicePointId: z.string(),
    size: z.string(),
    type: z.enum(['water', 'electric']),
    multiplier: z.number().int().positive(),
    dials: z.number().int().positive(),
    installedOn: isoDay,
  })
  .strict();
export const meterRead = z
  .object({
    id: z.string(),
    meterId: z.string(),
    date: isoDay,
    value: z.number(),
    kind: z.enum(['actual', 'estimated', 'customer']),
    /** Where it came from; reads from before reads were entered came from the field. */
    source: z.enum(['desk', 'handheld', 'amr', 'field', 'estimate']).default('field'),
    /** Billable, waiting for a reviewer, or rejected (a reread was sent). */
    status: z.enum(['posted', 'exception', 'rejected']).default('posted'),
    /** What the check found (shared/usage validateRead codes), the reason given, the estimate's method. */
    findings: z.array(z.string()).default([]),
    reason: z.string().nullable().default(null),
    troubleCode: z.string().nullable().default(null),
    method: z.string().nullable().default(null),
  })
  .strict();

export const billLine = z
  .object({
    code: z.string(),
    descriptionKey: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    quantity: z.string(),
    unit: z.string(),
    rate: z.string(),
    amountCents: cents,
    tier: z.number().int().optional(),
  })
  .strict();
export const bill = z
  .object({
    id: z.string(),
    periodFrom: isoDay,
    periodTo: isoDay,
    usage: z.string(),
    unit: z.string(),
    estimated: z.boolean(),
    totalCents: cents,
    dueOn: isoDay,
    lines: z.array(billLine),
  })
  .strict();
export type Bill = z.infer<typeof bill>;
/**
 * A bill of another account at the same premise (an earlier holder's): only its period and total,
 * which a deposit at the premise averages with the account's own bills.
 */
export const premiseBill = z
  .object({ periodFrom: isoDay, periodTo: isoDay, totalCents: cents })
  .strict();

/** What some of a payment's cents paid (shared/payments allocation). */
export const paymentAllocation = z
  .object({
    bucket: z.enum(['installment', 'pastDue', 'current', 'fees', 'credit']),
    itemId: z.string().nullable(),
    billId: z.string().nullable(),
    cents: cents,
  })
  .strict();
export const payment = z
  .object({
    id: z.string(),
    paidOn: isoDay,
    amountCents: cents,
    tender: z.enum(['check', 'ach', 'card', 'cash', 'agency', 'money-order']),
    status: z.enum(['posted', 'returned', 'reversed']),
    /** Set for a payment taken through Tapline; one from before it has none. */
    receiptNumber: z.string().nullable().optional(),
    channel: z.enum(['phone', 'counter', 'mail', 'online']).nullable().optional(),
    drawerId: z.string().nullable().optional(),
    /** Check number and bank, money order serial, a card's last four, a masked bank account. */
    tenderDetail: z.record(z.string(), z.string()).optional(),
    allocations: z.array(paymentAllocation).optional(),
    takenBy: z.string().nullable().optional(),
    returnedOn: isoDay.nullable().optional(),
    returnReason: z.string().nullable().optional(),
    returnCode: z.string().nullable().optional(),
  })
  .strict();
export type Payment = z.infer<typeof payment>;
export const adjustment = z
  .object({
    id: z.string(),
    kind: z.enum(['leak', 'late-fee-reversal', 'percentage', 'other']),
    amountCents: cents,
    status: z.enum(['posted', 'pending', 'declined']),
    reason: z.string(),
    approver: z.enum(['agent', 'lead', 'manager']),
    requestedBy: z.string(),
    decidedBy: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: instant,
    decidedAt: instant.nullable().default(null),
    /** The bill it was computed on (a detail cached before bills were named has none). */
    billId: z.string().nullable().default(null),
  })
  .strict();
export type Adjustment = z.infer<typeof adjustment>;

/** An adjustment as a lead decides it, and as the agent who asked sees its outcome. */
export const adjustmentRequest = z.object({
  id: z.string(),
  accountNumber: z.string(),
  name: z.string(),
  kind: adjustment.shape.kind,
  amountCents: cents,
  reason: z.string(),
  approver: adjustment.shape.approver,
  /** The name of who asked. */
  requestedBy: z.string(),
  createdAt: instant,
  status: adjustment.shape.status,
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: instant.nullable(),
});
export type AdjustmentRequest = z.infer<typeof adjustmentRequest>;

export const installment = z
  .object({ number: z.number().int(), due: isoDay, amountCents: cents })
  .strict();
export const arrangement = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['active', 'broken', 'completed', 'cancelled']),
    createdOn: isoDay,
    downPaymentCents: cents,
    totalCents: cents,
    installments: z.array(installment),
  })
  .strict();
export const notice = z
  .object({
    id: z.string(),
    kind: z.enum(['disconnection', 'reminder']),
    issuedOn: isoDay,
    amountCents: cents,
    earliestDisconnection: isoDay.nullable(),
    status: z.enum(['open', 'closed']),
  })
  .strict();
export const serviceOrderType = z.enum([
  'turn-on',
  'turn-off',
  'reread',
  'meter-test',
  'leak-investigation',
  'emergency-no-water',
  'emergency-main-break',
  'field-disconnect',
  /** The last read of a holder who leaves, without turning the service off. */
  'final-read',
  /** A field visit to look into unauthorized use or tampering; the account's actions wait for it. */
  'unauthorized-use-investigation',
]);
export type ServiceOrderType = z.infer<typeof serviceOrderType>;
export const serviceOrder = z
  .object({
    id: z.string(),
    type: serviceOrderType,
    priority: z.enum(['routine', 'high', 'emergency']),
    status: z.enum(['open', 'scheduled', 'completed', 'cancelled']),
    windowStart: instant.nullable(),
    windowEnd: instant.nullable(),
    notes: z.string(),
    createdAt: instant,
    /** Who an emergency was escalated to (ids of the utility's field service profile) ... */
    escalateTo: z.array(z.string()).default([]),
    /** ... and by when a crew must be there. */
    respondBy: instant.nullable().default(null),
  })
  .strict();
export type ServiceOrder = z.infer<typeof serviceOrder>;
export const interaction = z
  .object({
    id: z.string(),
    channel: z.enum(['phone', 'email', 'walk-in', 'chat']),
    reason: z.string(),
    wrapUpCode: z.string(),
    startedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant,
    talkSeconds: z.number().int().nonnegative(),
    holdSeconds: z.number().int().nonnegative(),
    wrapUpSeconds: z.number().int().nonnegative(),
    agentId: z.string(),
    language: language,
    notes: z.string(),
  })
  .strict();
export const note = z
  .object({
    id: z.string(),
    text: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    createdAt: instant,
  })
  .strict();
export const enrollment = z
  .object({
    id: z.string(),
    program: z.string(),
    enrolledOn: isoDay,
    status: z.enum(['active', 'ended']),
    /** The household the enrolment was screened on, where it was recorded. */
    household: z
      .object({ size: z.number().int().positive(), annualIncomeCents: cents.nonnegative() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

/** The kinds of case a customer opens on an account. */
export const caseKind = z.enum(['complaint', 'dispute', 'claim', 'request']);
export const contactChannel = z.enum(['phone', 'email', 'mail']);
export const caseResolution = z.enum([
  'upheld',
  'partly-upheld',
  'denied',
  'withdrawn',
  'answered',
]);
/** A document kept elsewhere (a scan's reference in the utility's document store), named here. */
export const documentReference = z
  .object({
    reference: z.string().trim().min(1).max(200),
    label: z.string().trim().min(1).max(120),
  })
  .strict();
/**
 * A complaint, dispute, claim or request on an account: due by the utility's setting for its kind,
 * owned by one user, escalated to a lead as it comes due. An open dispute holds `disputedCents`
 * from collection (shared/follow-up/cases `disputedHeldCents`).
 */
export const accountCase = z
  .object({
    id: z.string(),
    kind: caseKind,
    status: z.enum(['open', 'escalated', 'closed']),
    description: z.string(),
    billId: z.string().nullable(),
    disputedCents: cents.nonnegative(),
    preferredContact: contactChannel,
    language,
    openedOn: isoDay,
    dueOn: isoDay,
    ownerId: z.string(),
    ownerName: z.string(),
    team: z.string(),
    escalatedOn: isoDay.nullable(),
    resolution: caseResolution.nullable(),
    resolutionText: z.string().nullable(),
    letterId: z.string().nullable(),
    closedOn: isoDay.nullable(),
    notes: z.array(
      z
        .object({ id: z.string(), text: z.string(), authorName: z.string(), createdAt: instant })
        .strict(),
    ),
    documents: z.array(documentReference),
  })
  .strict();
export type AccountCase = z.infer<typeof accountCase>;

export const taskKind = z.enum([
  'callback',
  'payment-check',
  'certificate-expiring',
  'promise-due',
  'case-escalated',
  'other',
]);
/** A follow-up for one user or a team by a date, on an account (and on a case, where one asked). */
export const accountTask = z
  .object({
    id: z.string(),
    accountNumber: z.string(),
    caseId: z.string().nullable(),
    kind: taskKind,
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    team: z.string().nullable(),
    dueOn: isoDay,
    note: z.string(),
    status: z.enum(['open', 'done', 'cancelled']),
    createdBy: z.string(),
    doneOn: isoDay.nullable(),
    outcome: z.string().nullable(),
  })
  .strict();
export type AccountTask = z.infer<typeof accountTask>;

/** A letter kept on the account as sent (its PDF is fetched on its own). */
export const accountLetter = z
  .object({
    id: z.string(),
    template: z.string(),
    language,
    delivery: z.enum(['mail', 'email']),
    status: z.enum(['queued', 'sent']),
    title: z.string(),
    caseId: z.string().nullable(),
    pages: z.number().int().positive(),
    createdBy: z.string(),
    createdAt: instant,
    sentAt: instant.nullable(),
  })
  .strict();
export type AccountLetter = z.infer<typeof accountLetter>;

/** A promise to pay as stored: the day it was made, the day and amount promised. */
export const promiseToPay = z
  .object({
    id: z.string(),
    madeOn: isoDay,
    promisedOn: isoDay,
    amountCents: z.number().int().positive(),
    status: z.enum(['pending', 'cancelled']),
  })
  .strict();

/** What search and screen-pop need, for every account, always in the desktop's cache. */
export const accountHeader = z
  .object({
    number: z.string(),
    utilityId: z.string(),
    name: z.string(),
    phones: z.array(z.string()),
    serviceAddress: z.string(),
    municipality: z.string(),
    status: accountStatus,
    class: accountClass,
    balanceCents: cents,
    pastDueCents: cents,
    pastDueDays: z.number().int().nonnegative(),
    language,
    protections: z.array(z.enum(['medical', 'life-support', 'low-income', 'bankruptcy'])),
    activeArrangement: z.boolean(),
    openNotices: z.number().int().nonnegative(),
    version: z.number().int().nonnegative(),
  })
  .strict();
export type AccountHeader = z.infer<typeof accountHeader>;

/** Everything about one account the workspace shows, fetched on demand. */
export const accountDetail = z
  .object({
    header: accountHeader,
    customer,
    premise,
    depositCents: cents,
    /** A deposit the policy requires that is not paid yet (a new or moved service). */
    depositDueCents: cents.default(0),
    autopay: z.boolean(),
    paperless: z.boolean(),
    openedOn: isoDay,
    pastDue,
    meters: z.array(meter),
    reads: z.array(meterRead),
    bills: z.array(bill),
    /** The premise's bills on its other accounts, newest first (see premiseBill). */
    premiseBills: z.array(premiseBill).default([]),
    payments: z.array(payment),
    adjustments: z.array(adjustment),
    arrangements: z.array(arrangement),
    notices: z.array(notice),
    serviceOrders: z.array(serviceOrder),
    interactions: z.array(interaction),
    notes: z.array(note),
    enrollments: z.array(enrollment),
    /** Its cases, newest first; a detail cached before cases existed reads as none. */
    cases: z.array(accountCase).default([]),
    /** Its follow-up tasks, open ones first by due date. */
    tasks: z.array(accountTask).default([]),
    /** The letters sent or queued for it, newest first. */
    letters: z.array(accountLetter).default([]),
    /** Its promises to pay, newest first (kept or broken is derived from the payments). */
    promises: z.array(promiseToPay).optional(),
  })
  .strict();
export type AccountDetail = z.infer<typeof accountDetail>;

export const principal = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(roles),
    languages: z.array(language),
    team: z.string(),
  })
  .strict();
export type Principal = z.infer<typeof principal>;
