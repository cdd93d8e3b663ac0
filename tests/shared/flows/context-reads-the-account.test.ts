import { describe, expect, it } from 'vitest';
import {
  allUtilityFacts,
  flowForCall,
  flowVariables,
  sampleAccount,
  variableCatalog,
} from '../../../shared/flows';
import { ALEX, library, MARISOL, TODAY } from './support';

const facts = allUtilityFacts();

describe('the variables a script reads', () => {
  it('come from the header, the detail, the utility’s policy and lines, the agent and the caller', () => {
    const account = sampleAccount(TODAY, {
      utilityId: 'portland-water-me',
      pastDueCents: 9650,
      pastDueDays: 40,
      arrangement: true,
      notice: true,
      protections: ['medical'],
      language: 'es',
    });
    const v = flowVariables(
      account,
      { ...MARISOL, callerLanguage: 'es', callerPhone: '2075550123' },
      TODAY,
      facts,
    );
    expect(v).toMatchObject({
      today: TODAY,
      'agent.name': 'Marisol Vega',
      'agent.speaksSpanish': true,
      'caller.language': 'es',
      'caller.phone': '2075550123',
      'account.pastDue': 9650,
      'account.pastDueDays': 40,
      'account.medical': true,
      'account.lifeSupport': false,
      'account.arrangement': true,
      'account.openNotices': 1,
      'notice.amount': 9650,
      'notice.issuedOn': '2026-03-04',
      'notice.earliestDisconnection': '2026-03-25',
      'arrangement.nextDue': '2026-03-28',
      'arrangement.nextAmount': 5000,
      'utility.name': 'Portland Water District',
      'utility.state': 'ME',
      'utility.service': 'water',
      'policy.downPercent': 0,
      'policy.minMonths': 1,
      'policy.maxMonths': 12,
      'policy.writtenConfirmationDays': 3,
      'policy.shutoffRulesGathered': true,
    });
    expect(v['utility.interpreterLine']).toMatch(/^\d{10}$/);
  });

  it('take the commercial terms for a commercial account (Philadelphia: 50% down, 3 to 6 months)', () => {
    const v = flowVariables(sampleAccount(TODAY, { class: 'commercial' }), ALEX, TODAY, facts);
    expect(v).toMatchObject({
      'policy.downPercent': 50,
      'policy.minMonths': 3,
      'policy.maxMonths': 6,
      'policy.maxArrangements': 2,
      'policy.shutoffRulesGathered': false,
    });
  });

  it('compare this period’s use with the account’s own history', () => {
    const leak = flowVariables(
      sampleAccount(TODAY, { usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 12, 14] }),
      ALEX,
      TODAY,
      facts,
    );
    expect(leak).toMatchObject({
      'bill.usage': 1.4,
      'bill.unit': 'Mcf',
      'usage.lastYear': 0.5,
      'usage.high': true,
      'usage.probableLeak': true,
    });
    expect(leak['usage.percentOfAverage']).toBeGreaterThan(200);
    const usual = flowVariables(sampleAccount(TODAY), ALEX, TODAY, facts);
    expect(usual).toMatchObject({ 'usage.high': false, 'usage.probableLeak': false });
  });

  it('leave out what the account does not have, rather than inventing it', () => {
    const headerOnly = flowVariables(
      sampleAccount(TODAY, { headerOnly: true, notice: true }),
      ALEX,
      TODAY,
      facts,
    );
    expect(headerOnly['account.openNotices']).toBe(1);
    expect(headerOnly['notice.amount']).toBeUndefined();
    expect(headerOnly['bill.total']).toBeUndefined();
    const none = flowVariables(null, ALEX, TODAY, facts);
    expect(none['customer.name']).toBeUndefined();
    expect(none['utility.name']).toBeUndefined();
    expect(Object.keys(none).every((k) => k in variableCatalog)).toBe(true);
  });
});

describe('the flow started when a call is answered', () => {
  const flows = library();

  it('follows the call’s reason, or the interpreter flow when the agent does not speak the caller’s language', () => {
    expect(flowForCall(flows, { reason: 'past-due', agentLanguages: ['en'] })?.id).toBe(
      'payment-arrangement',
    );
    expect(
      flowForCall(flows, { reason: 'leak', callerLanguage: 'es', agentLanguages: ['en', 'es'] })
        ?.id,
    ).toBe('leak-emergency');
    expect(
      flowForCall(flows, { reason: 'leak', callerLanguage: 'es', agentLanguages: ['en'] })?.id,
    ).toBe('interpreter');
    expect(flowForCall(flows, { agentLanguages: ['en'] })?.id).toBe('greeting-verification');
  });
});
