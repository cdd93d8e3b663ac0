import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AdjustmentDecision,
  lateFee,
  lateFeeReversal,
  leakAdjustment,
  percentageAdjustment,
} from '../../../shared/collections';
import { marginalRate } from '../../../shared/rates/calculator';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { decimalField, dollarsField, firstError, textField } from './fields';
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
import { prefillChoice, prefillDollars, prefillFlag, prefillText } from './prefill';

const KINDS = ['leak', 'late-fee-reversal', 'percentage'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Adjustments: a leak credit, a late-fee reversal or a percentage of a bill, the amount computed
 * by the utility's policy. Within the agent's limit it posts; above it, it waits in a team
 * lead's approval queue, and the agent sees the decision here and on the account.
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
  const [billId, setBillId] = useState(bills[0]?.id ?? '');
  const bill = bills.find((b) => b.id === billId) ?? bills[0];
  const [rate, setRate] = useState(bill ? marginalRate(bill.lines, bill.unit) : '');
  const [proof, setProof] = useState(prefillFlag(prefill, 'proofOfRepair'));
  const defaultFee = policy
    ? lateFee(policy, header.pastDueCents, header.pastDueDays).amountCents
    : 0;
  const [fee, setFee] = useState(
    prefillDollars(prefill, 'lateFee', defaultFee ? (defaultFee / 100).toFixed(2) : ''),
  );
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

  const rateField = decimalField(rate, { required: true, min: 0, max: 10_000 });
  const feeField = dollarsField(fee, { required: true, min: 1 });
  const percentField = decimalField(percent, { required: true, min: 0.01, max: 100 });
  const reasonField = textField(reason, { min: 3, max: 500 });
  const since = (k: string) =>
    detail.adjustments
      .filter((a) => a.kind === k && a.status !== 'declined')
      .map((a) => a.createdAt.slice(0, 10));

  const decision = ((): AdjustmentDecision | null => {
    if (!policy || !bill) return null;
    if (kind === 'leak') {
      if (rateField.error) return null;
      const index = bills.indexOf(bill);
      const history = bills
        .slice(index + 1, index + 1 + policy.adjustments.leak.averageMonths)
        .map((b) => b.usage)
        .reverse();
      return leakAdjustment(
        policy,
        {
          leakUsage: bill.usage,
          history,
          ratePerUnit: rateField.value!,
          proofOfRepair: proof,
          previousLeakAdjustments: since('leak'),
        },
        role,
        today,
      );
    }
    if (kind === 'late-fee-reversal') {
      if (feeField.error) return null;
      return lateFeeReversal(
        policy,
        { lateFeeCents: feeField.value!, previousReversals: since('late-fee-reversal') },
        role,
        today,
      );
    }
    if (percentField.error) return null;
    return percentageAdjustment(
      policy,
      { baseCents: bill.totalCents, percent: percentField.value! },
      role,
    );
  })();

  if (!policy || !bill) return <p className="muted">{t('panel.noPolicy')}</p>;
  const inputError = firstError(
    kind === 'leak' ? rateField : kind === 'late-fee-reversal' ? feeField : percentField,
  );
  const canPost = !!decision?.allowed && decision.amountCents !== 0 && !reasonField.error;

  const post = async () => {
    if (!decision) return;
    const queued = await submit({
      type: 'postAdjustment',
      accountNumber: header.number,
      kind,
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
          {kind !== 'late-fee-reversal' && (
            <SelectField
              label={t('adjustment.bill')}
              value={bill.id}
              onChange={(v) => {
                setBillId(v);
                const next = bills.find((b) => b.id === v);
                if (next) setRate(marginalRate(next.lines, next.unit));
              }}
            >
              {bills.slice(0, 12).map((b) => (
                <option key={b.id} value={b.id}>
                  {t('adjustment.billOption', {
                    // Short dates: the option's text fits the list's width.
                    from: f.date(b.periodFrom, 'short'),
                    to: f.date(b.periodTo, 'short'),
                    usage: f.number(b.usage, 3),
                    unit: f.unit(b.unit),
                    total: f.money(b.totalCents),
                  })}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'leak' && (
            <>
              <InputField
                label={t('adjustment.rate', { unit: f.unit(bill.unit) })}
                hint={t('adjustment.rateHint')}
                error={rateField.error}
                inputMode="decimal"
                value={rate}
                onChange={setRate}
              />
              <CheckField label={t('adjustment.proof')} checked={proof} onChange={setProof} />
            </>
          )}
          {kind === 'late-fee-reversal' && (
            <InputField
              label={t('adjustment.lateFee')}
              hint={t('adjustment.lateFeeHint')}
              error={feeField.error}
              inputMode="decimal"
              value={fee}
              onChange={setFee}
            />
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
            applied={(r) => (
              <p>
                {r.status === 'posted'
                  ? t('adjustment.posted', {
                      amount: f.money(Math.abs(decision?.amountCents ?? 0)),
                    })
                  : t('adjustment.queued', {
                      approver: t(`account:signIn.roles.${String(r.approver)}`),
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
