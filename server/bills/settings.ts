import type { BillReviewSettings } from '../../shared/usage/bill-review';
import { getUtility } from '../../shared/utilities';
import type { Db } from '../db/database';

/**
 * A utility's bill review settings: the read window of its rate profile (`usageThresholds`) and
 * its own row of `bill_review_settings`. None of the five utilities' estimate limits, meter test
 * tolerances or refund periods were gathered: without a row each is null ("not gathered").
 */
export async function billReviewSettingsOf(db: Db, utilityId: string): Promise<BillReviewSettings> {
  const utility = getUtility(utilityId);
  const thresholds = utility?.rates.usageThresholds ?? { highRatio: '1.5', lowRatio: '0.5' };
  const { rows } = await db.query<{
    max_estimated_in_a_row: number | null;
    meter_test_tolerance_percent: string | null;
    fast_meter_refund_months: number | null;
    source: string;
  }>('select * from bill_review_settings where utility_id = $1', [utilityId]);
  const row = rows[0];
  return {
    highRatio: String(thresholds.highRatio),
    lowRatio: String(thresholds.lowRatio),
    maxEstimatedInARow: row?.max_estimated_in_a_row ?? null,
    meterTestTolerancePercent:
      row?.meter_test_tolerance_percent == null ? null : String(row.meter_test_tolerance_percent),
    fastMeterRefundMonths: row?.fast_meter_refund_months ?? null,
    source: row?.source ?? 'not gathered',
  };
}
