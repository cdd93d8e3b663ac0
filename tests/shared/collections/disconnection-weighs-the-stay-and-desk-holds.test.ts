import { describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/cis/entities';
import {
  collectionHolds,
  type DisconnectionAccount,
  evaluateDisconnection,
  getCollectionPolicy,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const maine = getCollectionPolicy('portland-water-me')!;
const me = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
  class: 'residential',
  pastDueCents: 5_001,
  daysPastDue: 40,
  noticeServed: '2026-10-20',
  arrangement: 'none',
  ...over,
});
const rule = (d: ReturnType<typeof evaluateDisconnection>, id: string) =>
  d.rules.find((r) => r.id === id);
const stay = (assuranceGiven: boolean) => ({
  chapter: 13 as const,
  filedOn: plainDate('2026-11-02'),
  assuranceGiven,
  outcome: null,
  heldCents: 12_000,
});

describe('the disconnection decision weighs a bankruptcy', () => {
  // Filed Monday 2026-11-02: assurance due Sunday 2026-11-22, carried to Monday 2026-11-23.
  it('waits out the assurance period on the charges after the filing, to the day after it ends', () => {
    const d = evaluateDisconnection(
      maine,
      me({ bankruptcy: stay(false) }),
      plainDate('2026-11-17'),
    );
    expect(d.allowed).toBe(false);
    expect(rule(d, 'bankruptcy-held')).toMatchObject({
      outcome: 'pass',
      params: { amount: 12_000 },
    });
    expect(rule(d, 'bankruptcy-assurance')).toMatchObject({ outcome: 'fail' });
    expect(d.earliest).toBe('2026-11-24');
    const onTheDay = evaluateDisconnection(
      maine,
      me({ bankruptcy: stay(false) }),
      plainDate('2026-11-23'),
    );
    expect(onTheDay.allowed).toBe(false);
    const after = evaluateDisconnection(
      maine,
      me({ bankruptcy: stay(false) }),
      plainDate('2026-11-24'),
    );
    expect(after.allowed).toBe(true);
  });

  it('lets the usual rules decide the charges after the filing once assurance is furnished', () => {
    const d = evaluateDisconnection(maine, me({ bankruptcy: stay(true) }), plainDate('2026-11-17'));
    expect(rule(d, 'bankruptcy-assurance')).toMatchObject({
      outcome: 'pass',
      messageKey: 'rules.bankruptcy-assurance.postPetition',
    });
    expect(d.allowed).toBe(true);
  });

  it('an open investigation holds the shut-off with no date', () => {
    const d = evaluateDisconnection(
      maine,
      me({ investigation: { openedOn: '2026-11-16', reason: 'tampering' } }),
      plainDate('2026-11-17'),
    );
    expect(d).toMatchObject({ allowed: false, earliest: null });
    expect(rule(d, 'investigation-hold')).toMatchObject({ outcome: 'fail', utilitySetting: true });
  });
});

describe('collectionHolds', () => {
  const facts = (protections: Partial<AccountDetail['customer']['protections']>) =>
    ({
      header: { number: 'ME-1', utilityId: 'portland-water-me' },
      customer: {
        protections: {
          medicalCertificate: null,
          lifeSupport: false,
          lowIncome: false,
          bankruptcy: false,
          ...protections,
        },
      },
    }) as unknown as Pick<AccountDetail, 'header' | 'customer'>;
  const today = plainDate('2026-11-17');

  it('holds a medical certificate through its last day, not the day after', () => {
    const f = facts({
      medicalCertificate: { certifiedOn: '2026-10-18', expiresOn: '2026-11-17', documentRef: 'd1' },
    });
    expect(collectionHolds(f, today)).toMatchObject([
      { kind: 'medical', until: '2026-11-17', documentRef: 'd1' },
    ]);
    expect(collectionHolds(f, plainDate('2026-11-18'))).toEqual([]);
  });

  it('holds life support until its record ends, and never for another account’s investigation', () => {
    const f = facts({
      lifeSupport: true,
      lifeSupportRecord: { documentRef: 'ls', recordedOn: '2026-01-01', expiresOn: '2026-11-16' },
      investigation: {
        accountNumber: 'ME-2',
        serviceOrderId: 'o',
        openedOn: '2026-11-01',
        reason: 'unauthorized-use',
      },
    });
    expect(collectionHolds(f, today)).toEqual([]);
  });

  it('holds the stay from the filing until the case ends', () => {
    const bankruptcyCase = {
      chapter: 7 as const,
      caseNumber: '26-1',
      court: 'D. Me.',
      filedOn: '2026-11-17',
      prePetitionCents: 4_200,
      assurance: 'none' as const,
      outcome: null,
      outcomeOn: null,
    };
    expect(collectionHolds(facts({ bankruptcyCase }), today)).toMatchObject([
      { kind: 'bankruptcy-stay', params: { amount: 4_200 }, until: null },
    ]);
    expect(collectionHolds(facts({ bankruptcyCase }), plainDate('2026-11-16'))).toEqual([]);
    expect(
      collectionHolds(
        facts({ bankruptcyCase: { ...bankruptcyCase, outcome: 'dismissed' } }),
        today,
      ),
    ).toEqual([]);
  });
});
