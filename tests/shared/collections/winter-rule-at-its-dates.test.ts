import { describe, expect, it } from 'vitest';
import {
  type DisconnectionAccount,
  evaluateDisconnection,
  getCollectionPolicy,
  loadPolicy,
  PolicyError,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

// None of the five launch utilities has a winter rule: Maine's (35-A M.R.S. §718) covers
// residential electric service, and the Maine launch utility is a water district. A Maine
// electric utility's policy, built on Portland Water District's, tests the rule with its dates.
const maine = getCollectionPolicy('portland-water-me')!;
const maineElectric = loadPolicy({
  ...maine,
  utilityId: 'maine-electric-test',
  utilityName: 'A Maine electric utility',
  service: 'electric',
  disconnection: {
    ...maine.disconnection,
    // No forbidden days, so the winter rule alone decides the dates below.
    forbiddenDays: null,
    winter: {
      from: '11-15',
      to: '04-15',
      residentialOnly: true,
      source: {
        citation:
          '35-A M.R.S. §718: no residential electric disconnection from November 15 to April 15 without the permission of the Consumer Assistance and Safety Division',
      },
    },
  },
});
const account = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
  class: 'residential',
  pastDueCents: 20_000,
  daysPastDue: 60,
  noticeServed: '2026-10-01',
  arrangement: 'none',
  ...over,
});
const winter = (d: ReturnType<typeof evaluateDisconnection>) =>
  d.rules.find((r) => r.id === 'winter');

describe('Maine winter rule (35-A M.R.S. §718), November 15 to April 15', () => {
  it('allows a residential disconnection on November 14 and refuses it on November 15', () => {
    const nov14 = evaluateDisconnection(maineElectric, account(), plainDate('2026-11-14'));
    expect([nov14.allowed, nov14.earliest, winter(nov14)?.outcome]).toEqual([
      true,
      '2026-11-14',
      'pass',
    ]);
    const nov15 = evaluateDisconnection(maineElectric, account(), plainDate('2026-11-15'));
    expect([nov15.allowed, nov15.earliest, winter(nov15)?.outcome]).toEqual([
      false,
      '2027-04-16',
      'fail',
    ]);
    expect(winter(nov15)?.params).toMatchObject({ date: '2026-11-15', next: '2027-04-16' });
  });

  it('refuses on April 15, the last day, and allows on April 16', () => {
    const apr15 = evaluateDisconnection(maineElectric, account(), plainDate('2027-04-15'));
    expect([apr15.allowed, apr15.earliest]).toEqual([false, '2027-04-16']);
    const apr16 = evaluateDisconnection(maineElectric, account(), plainDate('2027-04-16'));
    expect([apr16.allowed, winter(apr16)?.outcome]).toEqual([true, 'pass']);
  });

  it('crosses the new year: January 2 is inside the period, the end is April 16 of that year', () => {
    const d = evaluateDisconnection(maineElectric, account(), plainDate('2027-01-02'));
    expect([d.allowed, d.earliest]).toEqual([false, '2027-04-16']);
  });

  it('moves a date that other rules push into the period to the day after it', () => {
    // Notice served November 5: 14 days end November 19, inside the winter period.
    const d = evaluateDisconnection(
      maineElectric,
      account({ noticeServed: '2026-11-05' }),
      plainDate('2026-11-10'),
    );
    expect([d.allowed, d.earliest, winter(d)?.params.date]).toEqual([
      false,
      '2027-04-16',
      '2026-11-19',
    ]);
  });

  it('does not apply to a commercial account', () => {
    const d = evaluateDisconnection(
      maineElectric,
      account({ class: 'commercial' }),
      plainDate('2026-12-01'),
    );
    expect([d.allowed, winter(d)?.outcome]).toEqual([true, 'not-applicable']);
  });

  it('lets a disconnection through with the Commission’s permission', () => {
    const d = evaluateDisconnection(
      maineElectric,
      account({ winterPermission: true }),
      plainDate('2026-12-01'),
    );
    expect([d.allowed, winter(d)?.messageKey]).toEqual([true, 'rules.winter.permitted']);
  });

  it('is refused on load when a date is not a month and day', () => {
    const bad = {
      ...maineElectric,
      disconnection: {
        ...maineElectric.disconnection,
        winter: { ...maineElectric.disconnection.winter!, from: '13-01' },
      },
    };
    expect(() => loadPolicy(bad)).toThrow(PolicyError);
    expect(() => loadPolicy(bad)).toThrow(/disconnection\.winter\.from: expected MM-DD/);
  });
});

describe('the launch policies', () => {
  it('carry no winter rule, since none of their states’ rules gathered has one for their service', () => {
    for (const id of [
      'portland-water-me',
      'philadelphia-water-pa',
      'santa-margarita-ca',
      'marin-water-ca',
      'alameda-power-ca',
    ]) {
      expect(getCollectionPolicy(id)?.disconnection.winter).toBeNull();
    }
  });
});
