import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lateFeeOnBill } from '../../../shared/cis';
import {
  type AdjustmentDecision,
  adjustmentOf,
  householdOnFile,
} from '../../../shared/collections';
import { marginalRate } from '../../../shared/rates/calculator';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { decimalField, firstError, textField } from './fields';
import {
  ActionError,
  CheckField,
  CommandStatus,
  InputField,
  PanelFrame,
  type PanelProps,
  RuleList,
  SelectField,
  TextAreaField,
} from './kit';
import { prefillChoice, prefillFlag, prefillText } from './prefill';

const KINDS = ['leak', 'late-fee-reversal', 'percentage'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Adjustments: a leak credit, a late-fee reversal or a percentage of a bill, the amount computed
 * by the utility's policy from the bill chosen (its use and top rates, the late fee it carries,
 * its total). The command carries that bill and the facts; the central system computes the same
 * amount again and refuses a different one. Within the agent's limit it posts; above it, it
 * waits in a team lead's approval queue, and the agent sees the decision here and on the account.
 */
export function AdjustmentPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, role, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const myRequests = useAppStore((s) => s.myRequests);
  const loadMyRequests = useAppStore((s) => s.loadMyRequests);
  const bills = detail.bills;
  const [kind, setKind] = useState<Kind>(prefillChoice(prefill, 'kind', KINDS, 'leak'));
  /** The late fee each bill leaves owing (less one waived on it): a reversal credits it. */
  const feeOf = (b: (typeof bills)[number]) => lateFeeOnBill(b.lines);
  // The household its enrolment was screened on, for the low-income waiver (SB 998 §116914).
  const household = householdOnFile(detail.enrollments);
  const withFee = bills.filter((b) => feeOf(b) > 0);
  const choices = kind === 'late-fee-reversal' ? withFee : bills;
  const [billId, setBillId] = useState(bills[0]?.id ?? '');
  const bill = choices.find((b) => b.id === billId) ?? choices[0];
  const rate = bill ? marginalRate(bill.lines, bill.unit) : '';
  const [proof, setProof] = useState(prefillFlag(prefill, 'proofOfRepair'));
  const [percent, setPercent] = useState(prefillText(prefill, 'percent'));
  const [reason, setReason] = useState(prefillText(prefill, 'reason'));
  const [seq, setSeq] = useState<number | null>(null);
  const item = useAppStore((s) => (seq === null ? undefined : s.outbox.find((i) => i.seq === seq)));

  useEffect(() => {
    void loadMyRequests();
  }, [loadMyRequests]);
  useEffect(() => {
    if (item && item.status !== 'pending') void loadMyRequests();
  }, [item, loadMyRequests]);

  const percentField = decimalField(percent, { required: true, min: 0.01, max: 100 });
  const reasonField = textField(reason, { min: 3, max: 500 });

  // Computed from the account's record as the central system computes it again.
  const decision = ((): AdjustmentDecision | null => {
    if (!policy || !bill) return null;
    if (kind === 'percentage' && percentField.error) return null;
    const ask =
      kind === 'leak'
        ? { kind, proofOfRepair: proof }
        : kind === 'percentage'
          ? { kind, percent: percentField.value! }
          : { kind };
    return adjustmentOf(policy, detail, bill, ask, role, today).decision;
  })();

  if (!policy || !bills.length) return <p className="muted">{t('panel.noPolicy')}</p>;
  const inputError = kind === 'percentage' ? firstError(percentField) : null;
  const canPost = !!decision?.allowed && decision.amountCents !== 0 && !reasonField.error;

  const post = async () => {
    if (!decision || !bill) return;
    const queued = await submit({
      type: 'postAdjustment',
      accountNumber: header.number,
      kind,
      billId: bill.id,
      ...(kind === 'leak' ? { proofOfRepair: proof } : {}),
      ...(kind === 'percentage' ? { percent: percentField.value! } : {}),
      amountCents: decision.amountCents,
      reason: reasonField.value!,
    });
    if (queued) setSeq(queued.seq);
  };

  return (
    <PanelFrame
      title={t('panels.adjustment.title')}
      intro={t('adjustment.limits', {
        agent: f.money(policy.adjustments.approvalLimits.agentUpToCents),
        lead: f.money(policy.adjustments.approvalLimits.leadUpToCents),
        role: t(`account:signIn.roles.${role}`),
      })}
    >
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            label={t('adjustment.kind')}
            value={kind}
            onChange={(v) => setKind(v as Kind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`adjustment.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {bill ? (
            <SelectField label={t('adjustment.bill')} value={bill.id} onChange={setBillId}>
              {choices.slice(0, 12).map((b) => (
                <option key={b.id} value={b.id}>
                  {t(
                    kind === 'late-fee-reversal'
                      ? 'adjustment.billWithFee'
                      : 'adjustment.billOption',
                    {
                      // Short dates: the option's text fits the list's width.
                      from: f.date(b.periodFrom),
                      to: f.date(b.periodTo),
                      usage: f.number(b.usage, 3),
                      unit: f.unit(b.unit),
                      total: f.money(b.totalCents),
                      fee: f.money(feeOf(b)),
                    },
                  )}
                </option>
              ))}
            </SelectField>
          ) : (
            <p className="muted">{t('adjustment.noLateFee')}</p>
          )}
          {kind === 'leak' && bill && (
            <>
              <p>
                {t('adjustment.rateIs', {
                  unit: f.unit(bill.unit),
                  rate: new Intl.NumberFormat(f.locale, {
                    style: 'currency',
                    currency: 'USD',
                    maximumFractionDigits: 4,
                  }).format(Number(rate)),
                })}
              </p>
              <CheckField label={t('adjustment.proof')} checked={proof} onChange={setProof} />
            </>
          )}
          {kind === 'percentage' && (
            <InputField
              label={t('adjustment.percent')}
              error={percentField.error}
              inputMode="decimal"
              value={percent}
              onChange={setPercent}
            />
          )}
          <TextAreaField
            label={t('adjustment.reason')}
            error={reason ? reasonField.error : null}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={setReason}
          />
        </form>
        <div className="panel-result" aria-live="polite">
          {decision && !inputError && (
            <>
              <p className="big">
                {t('adjustment.amount', { amount: f.money(Math.abs(decision.amountCents)) })}
              </p>
              <p className={decision.withinRole ? '' : 'notice'}>
                {decision.withinRole
                  ? t('adjustment.withinLimit')
                  : t(`adjustment.needs.${decision.approver}`)}
              </p>
              {!decision.allowed && <p className="error">{t('adjustment.notAllowed')}</p>}
              {kind === 'late-fee-reversal' && policy.fees.lateFeeLowIncomeWaiver && !household && (
                <p className="muted">{t('adjustment.waiverNeedsEnrolment')}</p>
              )}
              <RuleList rules={decision.rules} />
            </>
          )}
        </div>
      </div>
      <div className="panel-actions">
        <button
          type="button"
          className="primary"
          disabled={!canPost || seq !== null}
          onClick={() => void post()}
        >
          {decision && !decision.withinRole ? t('adjustment.request') : t('adjustment.post')}
        </button>
        {!reason.trim() && <span className="muted">{t('adjustment.reasonNeeded')}</span>}
        <ActionError />
        {seq !== null && (
          <CommandStatus
            seq={seq}
            type="postAdjustment"
            applied={(r) => (
              <p>
                {r.status === 'posted'
                  ? t('adjustment.posted', {
                      amount: f.money(Math.abs(decision?.amountCents ?? 0)),
                    })
                  : t('adjustment.queued', {
                      approver: t(`account:signIn.roles.${r.approver}`),
                    })}
              </p>
            )}
          />
        )}
      </div>
      <MyRequests requests={myRequests} />
    </PanelFrame>
  );
}

function MyRequests({
  requests,
}: {
  requests: ReturnType<typeof useAppStore.getState>['myRequests'];
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  if (!requests?.length) return null;
  return (
    <table className="data">
      <caption>{t('adjustment.mine')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adjustment.account')}</th>
          <th scope="col">{t('adjustment.kind')}</th>
          <th scope="col" className="num">
            {t('adjustment.amountColumn')}
          </th>
          <th scope="col">{t('adjustment.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.slice(0, 8).map((r) => (
          <tr key={r.id}>
            <td>{r.accountNumber}</td>
            <td>{t(`adjustment.kinds.${r.kind}`)}</td>
            <td className="num">{f.money(Math.abs(r.amountCents))}</td>
            <td>
              {r.status === 'pending'
                ? t('adjustment.status.pending', {
                    approver: t(`account:signIn.roles.${r.approver}`),
                  })
                : t(
                    `adjustment.status.${r.status === 'posted' && r.decidedBy ? 'approved' : r.status}`,
                    {
                      by: r.decidedBy ?? '',
                      reason: r.decisionReason ?? '',
                    },
                  )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
