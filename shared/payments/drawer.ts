import { z } from 'zod';

/**
 * A cashier's drawer at a walk-in counter: what it should hold by tender (its float and the
 * payments taken into it, less those voided), what the cashier counted at the end of the day,
 * and the difference. Money in integer cents throughout.
 */

/** United States currency a counter takes, in cents: notes from $100 down, then coins. */
export const DENOMINATIONS = [
  10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 25, 10, 5, 1,
] as const;
export type Denomination = (typeof DENOMINATIONS)[number];

/** The tenders a drawer holds: cash, checks and money orders counted; cards settled by the processor. */
export const DRAWER_TENDERS = ['cash', 'check', 'money-order', 'card'] as const;
export type DrawerTender = (typeof DRAWER_TENDERS)[number];
export const COUNTED_TENDERS = ['cash', 'check', 'money-order'] as const;

/** The most a drawer's float may be: $10,000.00. */
export const MAX_FLOAT_CENTS = 1_000_000;
/** The most of one denomination a count may list: 100,000 pieces. */
export const MAX_PIECES = 100_000;

const cents = z.number().int().positive().max(100_000_000);

export const cashCount = z
  .array(
    z
      .object({
        denominationCents: z.union(DENOMINATIONS.map((d) => z.literal(d))),
        count: z.number().int().nonnegative().max(MAX_PIECES),
      })
      .strict(),
  )
  .max(DENOMINATIONS.length)
  .refine(
    (rows) => new Set(rows.map((r) => r.denominationCents)).size === rows.length,
    'each denomination once',
  );
export type CashCount = z.infer<typeof cashCount>;

export const countedCheck = z
  .object({
    checkNumber: z.string().regex(/^\d{1,10}$/, 'a check number of 1 to 10 digits'),
    bank: z.string().trim().min(2).max(80),
    amountCents: cents,
  })
  .strict();
export const countedMoneyOrder = z
  .object({
    serialNumber: z.string().regex(/^\d{4,20}$/, 'a serial number of 4 to 20 digits'),
    issuer: z.string().trim().min(2).max(80),
    amountCents: cents,
  })
  .strict();

/** What the cashier counted at the end of the day. */
export const drawerCount = z
  .object({
    cash: cashCount,
    checks: z.array(countedCheck).max(2_000),
    moneyOrders: z.array(countedMoneyOrder).max(2_000),
  })
  .strict();
export type DrawerCount = z.infer<typeof drawerCount>;

export type TenderCents = Record<DrawerTender, number>;

/** One payment taken into a drawer, as the drawer's balancing reads it. */
export interface DrawerEntry {
  receiptNumber: string;
  accountNumber: string;
  tender: DrawerTender;
  amountCents: number;
  detail: Record<string, string>;
  voided: boolean;
}

const zero = (): TenderCents => ({ cash: 0, check: 0, 'money-order': 0, card: 0 });

/** What the drawer should hold by tender: the float in cash, plus each payment not voided. */
export function expectedByTender(floatCents: number, entries: readonly DrawerEntry[]): TenderCents {
  const out = zero();
  out.cash = floatCents;
  for (const e of entries) if (!e.voided) out[e.tender] += e.amountCents;
  return out;
}

export function cashCountedCents(cash: CashCount): number {
  return cash.reduce((s, r) => s + r.denominationCents * r.count, 0);
}

/** What was counted by tender; cards are not counted (the processor's total is the card line). */
export function countedByTender(count: DrawerCount, cardCents: number): TenderCents {
  return {
    cash: cashCountedCents(count.cash),
    check: count.checks.reduce((s, c) => s + c.amountCents, 0),
    'money-order': count.moneyOrders.reduce((s, m) => s + m.amountCents, 0),
    card: cardCents,
  };
}

export interface TenderBalance {
  tender: DrawerTender;
  expectedCents: number;
  countedCents: number;
  /** Counted less expected: above 0 over, below 0 short. */
  overShortCents: number;
}

export interface DrawerBalance {
  tenders: TenderBalance[];
  /** The tenders' differences added with their sign. */
  overShortCents: number;
  /** The tenders' differences added without sign: what the sign-off threshold weighs. */
  differenceCents: number;
}

export function balanceDrawer(expected: TenderCents, counted: TenderCents): DrawerBalance {
  const tenders = DRAWER_TENDERS.map((tender) => ({
    tender,
    expectedCents: expected[tender],
    countedCents: counted[tender],
    overShortCents: counted[tender] - expected[tender],
  }));
  return {
    tenders,
    overShortCents: tenders.reduce((s, t) => s + t.overShortCents, 0),
    differenceCents: tenders.reduce((s, t) => s + Math.abs(t.overShortCents), 0),
  };
}

/**
 * Whether the difference needs a reason and a lead's sign-off: above the utility's threshold, or
 * any difference at all where the threshold is not gathered (null).
 */
export function needsSignOff(differenceCents: number, signOffAboveCents: number | null): boolean {
  if (differenceCents === 0) return false;
  return signOffAboveCents === null || differenceCents > signOffAboveCents;
}

/** Checks taken into the drawer and checks counted: those taken but not found, and the reverse. */
export function checkDiscrepancies(entries: readonly DrawerEntry[], count: DrawerCount) {
  const key = (n: string, cents: number) => `${n}:${cents}`;
  const taken = entries
    .filter((e) => !e.voided && e.tender === 'check')
    .map((e) => key(e.detail.checkNumber ?? '', e.amountCents));
  const counted = count.checks.map((c) => key(c.checkNumber, c.amountCents));
  const left = [...counted];
  const missing: string[] = [];
  for (const t of taken) {
    const i = left.indexOf(t);
    if (i >= 0) left.splice(i, 1);
    else missing.push(t);
  }
  return { missing, extra: left };
}

/** A closed drawer as the day's deposit and report read it. */
export interface ClosedDrawer {
  drawerId: string;
  cashier: string;
  floatCents: number;
  count: DrawerCount;
  balance: DrawerBalance;
  reason: string | null;
  signedOffBy: string | null;
}

export interface DepositSlip {
  utilityId: string;
  businessDay: string;
  cash: { denominationCents: number; count: number; cents: number }[];
  cashCountedCents: number;
  /** The floats kept back for the next day's drawers. */
  floatsRetainedCents: number;
  cashDepositCents: number;
  checks: { drawerId: string; checkNumber: string; bank: string; amountCents: number }[];
  checksCents: number;
  moneyOrders: { drawerId: string; serialNumber: string; issuer: string; amountCents: number }[];
  moneyOrdersCents: number;
  totalDepositCents: number;
}

/** The day's bank deposit: every closed drawer's cash by denomination less the floats, and its items. */
export function depositSlip(
  utilityId: string,
  businessDay: string,
  drawers: readonly ClosedDrawer[],
): DepositSlip {
  const pieces = new Map<number, number>();
  for (const d of drawers)
    for (const r of d.count.cash)
      pieces.set(r.denominationCents, (pieces.get(r.denominationCents) ?? 0) + r.count);
  const cash = DENOMINATIONS.filter((d) => (pieces.get(d) ?? 0) > 0).map((d) => ({
    denominationCents: d,
    count: pieces.get(d)!,
    cents: d * pieces.get(d)!,
  }));
  const cashCounted = cash.reduce((s, r) => s + r.cents, 0);
  const floats = drawers.reduce((s, d) => s + d.floatCents, 0);
  const checks = drawers.flatMap((d) =>
    d.count.checks.map((c) => ({ drawerId: d.drawerId, ...c })),
  );
  const moneyOrders = drawers.flatMap((d) =>
    d.count.moneyOrders.map((m) => ({ drawerId: d.drawerId, ...m })),
  );
  const checksCents = checks.reduce((s, c) => s + c.amountCents, 0);
  const moneyOrdersCents = moneyOrders.reduce((s, m) => s + m.amountCents, 0);
  const cashDeposit = Math.max(0, cashCounted - floats);
  return {
    utilityId,
    businessDay,
    cash,
    cashCountedCents: cashCounted,
    floatsRetainedCents: Math.min(floats, cashCounted),
    cashDepositCents: cashDeposit,
    checks,
    checksCents,
    moneyOrders,
    moneyOrdersCents,
    totalDepositCents: cashDeposit + checksCents + moneyOrdersCents,
  };
}

export interface DailyReport {
  utilityId: string;
  businessDay: string;
  drawers: {
    drawerId: string;
    cashier: string;
    floatCents: number;
    tenders: TenderBalance[];
    overShortCents: number;
    reason: string | null;
    signedOffBy: string | null;
  }[];
  /** Each tender over every drawer. */
  totals: TenderBalance[];
  overShortCents: number;
  /** Every card and bank (ACH) payment of the utility that day, whatever its channel. */
  cardCents: number;
  bankCents: number;
  deposit: DepositSlip;
}

/** The office's daily balancing: every drawer, every tender, card and bank totals, over/short. */
export function dailyReport(
  utilityId: string,
  businessDay: string,
  drawers: readonly ClosedDrawer[],
  cardCents: number,
  bankCents: number,
): DailyReport {
  const totals = DRAWER_TENDERS.map((tender) => {
    const rows = drawers.map((d) => d.balance.tenders.find((t) => t.tender === tender)!);
    const expectedCents = rows.reduce((s, r) => s + r.expectedCents, 0);
    const countedCents = rows.reduce((s, r) => s + r.countedCents, 0);
    return { tender, expectedCents, countedCents, overShortCents: countedCents - expectedCents };
  });
  return {
    utilityId,
    businessDay,
    drawers: drawers.map((d) => ({
      drawerId: d.drawerId,
      cashier: d.cashier,
      floatCents: d.floatCents,
      tenders: d.balance.tenders,
      overShortCents: d.balance.overShortCents,
      reason: d.reason,
      signedOffBy: d.signedOffBy,
    })),
    totals,
    overShortCents: totals.reduce((s, t) => s + t.overShortCents, 0),
    cardCents,
    bankCents,
    deposit: depositSlip(utilityId, businessDay, drawers),
  };
}
