import { describe, expect, it } from 'vitest';
import {
  agingBucketOf,
  callingHoursAt,
  offerAgainOn,
  worklistExclusions,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import { getUtility } from '../../../shared/utilities';

const today = plainDate('2026-11-17');
const utility = getUtility('santa-margarita-ca')!;

describe('why an account leaves a collections worklist', () => {
  it('keeps an account with no protection, and names each protection it has', () => {
    expect(worklistExclusions({ arrangement: 'broken', disputedHeldCents: 0 }, today)).toEqual([]);
    expect(
      worklistExclusions(
        {
          arrangement: 'good',
          disputedHeldCents: 1,
          promisePendingUntil: '2026-11-17',
          medicalCertificate: { expiresOn: '2026-11-17' },
          lifeSupport: true,
        },
        today,
      ),
    ).toEqual([
      'arrangement-in-good-standing',
      'disputed-amount-held',
      'promise-pending',
      'medical-certificate',
      'life-support',
    ]);
  });

  it('lets a promise and a certificate go the day after their last day', () => {
    expect(
      worklistExclusions(
        { promisePendingUntil: '2026-11-16', medicalCertificate: { expiresOn: '2026-11-16' } },
        today,
      ),
    ).toEqual([]);
    expect(worklistExclusions({ medicalCertificate: { expiresOn: null } }, today)).toEqual([
      'medical-certificate',
    ]);
  });

  it('buckets days past due at their edges', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucketOf)).toEqual([
      null,
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '91+',
      '91+',
    ]);
  });
});

describe('calling hours in the customer’s time zone', () => {
  const tz = utility.service.timeZone;
  it('opens at 08:00 and closes at 21:00 Pacific (Tapline’s default, not gathered)', () => {
    expect(tz).toBe('America/Los_Angeles');
    expect(utility.outbound.callingHours.source.citation).toContain('not gathered');
    // 2026-11-17 is in standard time: UTC-8.
    expect(callingHoursAt(utility.outbound, tz, new Date('2026-11-17T15:59:00Z'))).toMatchObject({
      open: false,
      local: '07:59',
      opensAt: '2026-11-17T16:00:00Z',
    });
    expect(callingHoursAt(utility.outbound, tz, new Date('2026-11-17T16:00:00Z')).open).toBe(true);
    expect(callingHoursAt(utility.outbound, tz, new Date('2026-11-18T04:59:00Z')).open).toBe(true);
    expect(callingHoursAt(utility.outbound, tz, new Date('2026-11-18T05:00:00Z'))).toMatchObject({
      open: false,
      local: '21:00',
      opensAt: '2026-11-18T16:00:00Z',
    });
  });
});

describe('when a worked account is offered again', () => {
  it('by outcome: a promise the day after its date, no answer tomorrow, a wrong number never', () => {
    const s = utility.outbound;
    expect(offerAgainOn(s, 'promise', today, '2026-11-24')).toBe('2026-11-25');
    expect(offerAgainOn(s, 'no-answer', today)).toBe('2026-11-18');
    expect(offerAgainOn(s, 'left-message', today)).toBe('2026-11-19');
    expect(offerAgainOn(s, 'refused', today)).toBe('2026-11-24');
    expect(offerAgainOn(s, 'wrong-number', today)).toBeNull();
    expect(offerAgainOn(s, 'arrangement', today)).toBeNull();
  });
});
