import type { AccountHeader } from '../../shared/cis';

/** An account header as the cache holds it, current and in good standing unless told otherwise. */
export function accountHeader(number: string, patch: Partial<AccountHeader> = {}): AccountHeader {
  return {
    number,
    utilityId: 'philadelphia-water-pa',
    name: 'Ana Torres',
    phones: ['2155550100'],
    serviceAddress: '12 Elm Street, Philadelphia',
    municipality: 'Philadelphia',
    status: 'active',
    class: 'residential',
    balanceCents: 6_915,
    pastDueCents: 0,
    pastDueDays: 0,
    language: 'en',
    protections: [],
    activeArrangement: false,
    openNotices: 0,
    version: 1,
    ...patch,
  };
}
