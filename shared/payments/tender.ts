import { z } from 'zod';

/**
 * The ABA routing number checksum: 3×(d1+d4+d7) + 7×(d2+d5+d8) + (d3+d6+d9) is a multiple of 10
 * (the American Bankers Association's check digit on every US routing transit number).
 */
export function isAbaRoutingNumber(text: string): boolean {
  if (!/^\d{9}$/.test(text)) return false;
  const d = [...text].map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

/** A bank account number as US banks issue them: 4 to 17 digits. */
export const BANK_ACCOUNT_NUMBER = /^\d{4,17}$/;

/** What the desk and the records show of a bank account number: its last four digits only. */
export function maskAccountNumber(digits: string): string {
  return `••••${digits.slice(-4)}`;
}

/**
 * How a payment was tendered. A bank payment carries its routing number and only the last four
 * digits of the account (the full number goes to the processor, never into the outbox, the CIS
 * or a log); a card payment is the processor's confirmation, with the last four digits when the
 * processor reports them, and no other card data at all.
 */
export const tender = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash') }).strict(),
  z
    .object({
      kind: z.literal('check'),
      checkNumber: z.string().regex(/^\d{1,10}$/, 'a check number of 1 to 10 digits'),
      bank: z.string().trim().min(2).max(80),
    })
    .strict(),
  z
    .object({
      kind: z.literal('money-order'),
      serialNumber: z.string().regex(/^\d{4,20}$/, 'a serial number of 4 to 20 digits'),
      issuer: z.string().trim().min(2).max(80),
    })
    .strict(),
  z
    .object({
      kind: z.literal('card'),
      processorConfirmation: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
      last4: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ach'),
      routingNumber: z
        .string()
        .refine(isAbaRoutingNumber, 'a routing number of 9 digits whose ABA check digit holds'),
      accountLast4: z.string().regex(/^\d{4}$/, 'the last four digits of the account'),
      accountType: z.enum(['checking', 'savings']),
    })
    .strict(),
]);
export type Tender = z.infer<typeof tender>;
export type TenderKind = Tender['kind'];

/** Tenders a bank can return unpaid. */
export const RETURNABLE_TENDERS: readonly TenderKind[] = ['check', 'ach'];

/** Where the payment was taken. */
export const paymentChannel = z.enum(['phone', 'counter', 'mail', 'online']);
export type PaymentChannel = z.infer<typeof paymentChannel>;

/** The tender's details as records keep them: nothing that could pay a second time. */
export function tenderDetail(t: Tender): Record<string, string> {
  switch (t.kind) {
    case 'cash':
      return {};
    case 'check':
      return { checkNumber: t.checkNumber, bank: t.bank };
    case 'money-order':
      return { serialNumber: t.serialNumber, issuer: t.issuer };
    case 'card':
      return {
        processorConfirmation: t.processorConfirmation,
        ...(t.last4 ? { last4: t.last4 } : {}),
      };
    case 'ach':
      return {
        routingNumber: t.routingNumber,
        account: `••••${t.accountLast4}`,
        accountType: t.accountType,
      };
  }
}
