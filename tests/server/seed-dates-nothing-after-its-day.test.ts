import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';
import { utilityIds } from '../../shared/utilities';

/**
 * Training data is seeded relative to the day it is seeded: whatever that day, no bill, payment,
 * read, note, notice, arrangement, enrolment or audit entry is dated after it. (A trial desk
 * seeded on one day showed a payment a week ahead: the high-bill caller's balance read $0.00.)
 * Dates that name the future — a bill's due date, a notice's earliest disconnection, an
 * arrangement's installments — are not events and may fall after it. Days start where the
 * poverty guidelines an enrolment is screened on (eight months before the day) begin.
 */
const EVENT_DATES: Record<string, string[]> = {
  accounts: ['opened_on'],
  meters: ['installed_on'],
  reads: ['read_on'],
  bills: ['period_from', 'period_to'],
  payments: ['paid_on'],
  notices: ['issued_on'],
  arrangements: ['created_on'],
  enrollments: ['enrolled_on'],
  notes: ['created_at'],
  audit: ['at'],
};

const day = fc
  .date({
    min: new Date('2024-10-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => Temporal.PlainDate.from(d.toISOString().slice(0, 10)));

describe('the seed, on any day', () => {
  it('dates no bill, payment, read or note after that day', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...utilityIds), fc.nat(1000), (today, utilityId, seed) => {
        const rows = syntheticRows({ utilityId, accounts: 25, seed, today }, 0, 25);
        const after: string[] = [];
        for (const [table, columns] of Object.entries(EVENT_DATES))
          for (const row of rows[table])
            for (const column of columns) {
              const on = Temporal.PlainDate.from(String(row[column]).slice(0, 10));
              if (Temporal.PlainDate.compare(on, today) > 0)
                after.push(`${table}.${column} ${on} (${row.account_number ?? row.number ?? ''})`);
            }
        expect(after, `seeded on ${today} for ${utilityId}`).toEqual([]);
        expect(rows.payments.length).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
