import { z } from 'zod';
import {
  closeDrawer,
  drawerId,
  openDrawer,
  reopenDrawer,
  voidPayment,
} from '../../cis/commands/counter';
import { postPayment } from '../../cis/commands/payments';
import { channel } from '../define';

const cents = z.number().int();
const drawerTender = z.enum(['cash', 'check', 'money-order', 'card']);

/** A drawer as the CIS's GET /counter/drawers answers it: what it should hold, its count once closed. */
export const counterDrawer = z.object({
  drawerId: z.string(),
  utilityId: z.string(),
  businessDay: z.string(),
  cashier: z.string(),
  status: z.enum(['open', 'closed']),
  floatCents: cents,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  expected: z.object({ cash: cents, check: cents, 'money-order': cents, card: cents }),
  payments: cents,
  entries: z.array(
    z.object({
      receiptNumber: z.string(),
      accountNumber: z.string(),
      tender: drawerTender,
      amountCents: cents,
      detail: z.record(z.string(), z.string()),
      voided: z.boolean(),
    }),
  ),
  balance: z
    .object({
      tenders: z.array(
        z.object({
          tender: drawerTender,
          expectedCents: cents,
          countedCents: cents,
          overShortCents: cents,
        }),
      ),
      overShortCents: cents,
      differenceCents: cents,
    })
    .nullable(),
  reason: z.string().nullable(),
  signedOffBy: z.string().nullable(),
});
export type CounterDrawer = z.infer<typeof counterDrawer>;

/** A payment taken at the counter: always the counter channel, into a drawer. */
const counterPayment = postPayment.extend({ channel: z.literal('counter'), drawerId });

/** The commands the Counter screen sends; the CIS checks each caller's role again. */
export const counterCommand = z.discriminatedUnion('type', [
  openDrawer,
  counterPayment,
  closeDrawer,
  voidPayment,
  reopenDrawer,
]);
export type CounterCommand = z.infer<typeof counterCommand>;

/**
 * The Counter screen: a cashier's drawers (a lead's: every open one), one drawer, and the
 * counter's commands applied at once (the customer is at the window: no outbox). A refusal of
 * the CIS is the error `rejected` whose message key is the CIS's reason key.
 */
export const counterChannels = {
  'counter.drawers': channel(
    z.object({ status: z.enum(['open', 'closed']).optional() }).strict(),
    z.object({ drawers: z.array(counterDrawer), counterUtilities: z.array(z.string()) }),
    ['agent'],
  ),
  'counter.drawer': channel(z.object({ drawerId }).strict(), counterDrawer, ['agent']),
  'counter.command': channel(
    z.object({ command: counterCommand }).strict(),
    z.object({ result: z.record(z.string(), z.unknown()) }),
    ['agent'],
  ),
} as const;
