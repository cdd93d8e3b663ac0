import { describe, expect, it } from 'vitest';
import {
  type CollectionPolicy,
  type DisconnectionAccount,
  disconnectionFacts,
  evaluateDisconnection,
  getCollectionPolicy,
  loadPolicy,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const maine = getCollectionPolicy('portland-water-me')!;
const smwd = getCollectionPolicy('santa-margarita-ca')!;
const rule = (d: ReturnType<typeof evaluateDisconnection>, id: string) =>
  d.rules.find((r) => r.id === id);

/** The same policy with a certificate length: no launch policy's reference gives one. */
const withCertificateDays = (policy: CollectionPolicy, days: number) =>
  loadPolicy({
    ...policy,
    disconnection: {
      ...policy.disconnection,
      medical: { ...policy.disconnection.medical!, certificateDays: days },
    },
  });

const me = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
  class: 'residential',
  pastDueCents: 5_001,
  daysPastDue: 40,
  noticeServed: '2026-10-20',
  arrangement: 'none',
  ...over,
});
const ca = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
  class: 'residential',
  pastDueCents: 25_000,
  daysPastDue: 75,
  noticeServed: '2026-11-02',
  arrangement: 'none',
  ...over,
});

describe('Maine: an oral certification is confirmed in writing within 7 days (Ch. 815 §11)', () => {
  // Certified orally on Monday 2026-11-16: the written confirmation is due by Monday 2026-11-23.
  const oral = (writtenConfirmationOn: string | null) => ({
    medical: { reportedOn: '2026-11-16', certified: true, writtenConfirmationOn },
  });

  it('protects through the 7th day while the written confirmation is awaited', () => {
    const d = evaluateDisconnection(maine, me(oral(null)), plainDate('2026-11-23'));
    expect(d.allowed).toBe(false);
    expect(rule(d, 'medical')).toMatchObject({
      outcome: 'fail',
      messageKey: 'rules.medical.awaitingWritten',
      params: { until: '2026-11-23', by: '2026-11-23', confirmationDays: 7 },
    });
    expect(d.earliest).toBe('2026-11-24');
  });

  it('lapses on the 8th day without it', () => {
    const d = evaluateDisconnection(maine, me(oral(null)), plainDate('2026-11-24'));
    expect(rule(d, 'medical')).toMatchObject({
      outcome: 'pass',
      messageKey: 'rules.medical.lapsed',
      params: { by: '2026-11-23' },
    });
    expect([d.allowed, d.earliest]).toEqual([true, '2026-11-24']);
  });

  it('keeps protecting once the confirmation arrives on the 7th day', () => {
    const d = evaluateDisconnection(maine, me(oral('2026-11-23')), plainDate('2026-11-24'));
    expect([d.allowed, d.earliest, rule(d, 'medical')?.messageKey]).toEqual([
      false,
      null,
      'rules.medical.certified',
    ]);
  });

  it('counts a confirmation that arrives late as a new certificate from its own day', () => {
    const thirty = withCertificateDays(maine, 30);
    // On time: the certificate runs from the oral certification, through 2026-12-16.
    const onTime = me(oral('2026-11-23'));
    expect(evaluateDisconnection(thirty, onTime, plainDate('2026-12-16')).earliest).toBe(
      '2026-12-17',
    );
    expect(evaluateDisconnection(thirty, onTime, plainDate('2026-12-17')).allowed).toBe(true);
    // On the 8th day (2026-11-24): from that day, through 2026-12-24.
    const late = evaluateDisconnection(thirty, me(oral('2026-11-24')), plainDate('2026-12-17'));
    expect(rule(late, 'medical')?.params.until).toBe('2026-12-24');
  });

  it('treats a certificate given in writing as confirmed', () => {
    const d = evaluateDisconnection(
      maine,
      me({ medical: { reportedOn: '2026-11-16', certified: true } }),
      plainDate('2026-12-30'),
    );
    expect([d.allowed, d.earliest]).toEqual([false, null]);
  });
});

describe('the length of a certificate', () => {
  it('has none in the launch policies: their references give none, so it lasts while on file', () => {
    expect(maine.disconnection.medical?.certificateDays).toBeNull();
    expect(smwd.disconnection.medical?.certificateDays).toBeNull();
  });

  it('protects through the last day of its length and ends the day after (Maine form)', () => {
    // A 30-day certificate given in writing on 2026-10-20 protects through 2026-11-19.
    const thirty = withCertificateDays(maine, 30);
    const account = me({ medical: { reportedOn: '2026-10-20', certified: true } });
    const last = evaluateDisconnection(thirty, account, plainDate('2026-11-19'));
    expect([last.allowed, last.earliest, rule(last, 'medical')?.messageKey]).toEqual([
      false,
      '2026-11-20',
      'rules.medical.certifiedUntil',
    ]);
    const after = evaluateDisconnection(thirty, account, plainDate('2026-11-20'));
    expect([after.allowed, rule(after, 'medical')?.messageKey]).toEqual([
      true,
      'rules.medical.certificateEnded',
    ]);
  });

  it('bounds California’s three-part protection by the certificate (SB 998 form)', () => {
    const thirty = withCertificateDays(smwd, 30);
    const account = ca({
      medical: { reportedOn: '2026-10-20', certified: true },
      publicAssistance: true,
      willingToEnterPlan: true,
    });
    const during = evaluateDisconnection(thirty, account, plainDate('2026-11-17'));
    expect([during.allowed, during.earliest, rule(during, 'medical')?.messageKey]).toEqual([
      false,
      '2026-11-20',
      'rules.medical.protectedAllThreeUntil',
    ]);
    const after = evaluateDisconnection(thirty, account, plainDate('2026-11-20'));
    expect([after.allowed, rule(after, 'medical')?.messageKey]).toEqual([
      true,
      'rules.medical.certificateEnded',
    ]);
  });
});

describe('life support on file', () => {
  const tuesday = plainDate('2026-11-17');

  it('holds a Maine shut-off while the record stands, as the District’s protective reading', () => {
    const d = evaluateDisconnection(maine, me({ lifeSupport: true }), tuesday);
    expect([d.allowed, d.earliest]).toEqual([false, null]);
    expect(rule(d, 'life-support')).toMatchObject({
      outcome: 'fail',
      messageKey: 'rules.life-support.holds',
      utilitySetting: true,
    });
    expect(rule(d, 'life-support')?.citation).toMatch(/Chapter 815 \(electric and gas\) §11/);
    const none = evaluateDisconnection(maine, me({ lifeSupport: false }), tuesday);
    expect([none.allowed, rule(none, 'life-support')?.outcome]).toEqual([true, 'not-applicable']);
  });

  it('is not weighed when the caller does not know the record', () => {
    expect(rule(evaluateDisconnection(maine, me(), tuesday), 'life-support')).toBeUndefined();
  });

  it('does not stop a California shut-off by itself: SB 998 asks for the certificate', () => {
    const d = evaluateDisconnection(smwd, ca({ lifeSupport: true }), tuesday);
    expect(d.allowed).toBe(true);
    expect(rule(d, 'life-support')).toMatchObject({
      outcome: 'pass',
      messageKey: 'rules.life-support.askCertificate',
      utilitySetting: false,
    });
    expect(rule(d, 'life-support')?.citation).toMatch(/§116910/);
    const certified = evaluateDisconnection(
      smwd,
      ca({
        lifeSupport: true,
        medical: { reportedOn: '2026-11-10', certified: true },
        publicAssistance: true,
        willingToEnterPlan: true,
      }),
      tuesday,
    );
    expect([certified.allowed, rule(certified, 'life-support')?.messageKey]).toEqual([
      false,
      'rules.life-support.medicalDecides',
    ]);
  });

  it('comes from the account’s records when the caller gives it', () => {
    const records = {
      class: 'residential' as const,
      pastDueCents: 5_001,
      daysPastDue: 40,
      notices: [],
      arrangements: [],
      medicalCertificate: null,
    };
    expect(disconnectionFacts({ ...records, lifeSupport: true }).lifeSupport).toBe(true);
    expect(disconnectionFacts(records).lifeSupport).toBeUndefined();
  });
});
