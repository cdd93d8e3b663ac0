import { useMemo } from 'react';
import type { AccountDetail } from '../../../shared/cis';
import type { UtilitySummary } from '../../../shared/ipc';
import { compareUsage, type UsageThresholds } from '../../../shared/usage/analysis';
import { consumptionHistory } from '../../../shared/usage/reads';

const DEFAULT_THRESHOLDS: UsageThresholds = { highRatio: '1.5', lowRatio: '0.5', leakRatio: '2' };

/**
 * Use per period between the first meter's reads, each compared with the same period last year
 * and the 12-month average, flagged against the utility's thresholds (the consumption chart and
 * the high-usage investigation read the same numbers).
 */
export function useUsagePeriods(detail: AccountDetail, utility: UtilitySummary | null) {
  return useMemo(() => {
    const meter = detail.meters[0];
    if (!meter) return [];
    const history = consumptionHistory(
      { dials: meter.dials, multiplier: meter.multiplier },
      detail.reads.filter((r) => r.meterId === meter.id && r.status === 'posted'),
    );
    const thresholds = utility?.usageThresholds ?? DEFAULT_THRESHOLDS;
    return history.map((c) => ({
      c,
      cmp: compareUsage(history, c, thresholds, { vacant: detail.premise.vacant }),
    }));
  }, [detail, utility]);
}
