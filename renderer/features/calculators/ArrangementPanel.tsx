import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ArrangementDecision,
  type ArrangementKind,
  type ArrangementPlan,
  ArrangementRequestError,
  arrangementHistoryOf,
  arrangementSchedule,
  planArrangement,
  type SchedulePlan,
} from '../../../shared/collections';
import type { AppLocale } from '../../../shared/i18n/format';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import type { AccountContext } from './context';
import { dollarsField, firstError, type Parsed, wholeField } from './fields';
import {
  ActionError,
  CommandStatus,
  copyText,
  InputField,
  LanguageChoice,
  PanelFrame,
  type PanelProps,
  RuleList,
  SelectField,
} from './kit';
import { prefillChoice, prefillDollars, prefillText } from './prefill';

const KINDS: readonly ArrangementKind[] = [
  'equal',
  'installment-plus-current',
  'percent-of-income',
  'budget',
];

/**
 * Payment arrangement: the account's past due and current amounts filled in, the agent tries
 * offers and sees the plan, or the refusal with the rule and the nearest plan the policy
 * accepts, as the numbers are typed; commits it as createArrangement; the schedule in both
 * languages to read, print (to PDF) or send by email.
 */
export function ArrangementPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, detail, policy, profile, today } = ctx;
  const remembered = useAppStore((s) => s.households[header.number]);
  const submit = useAppStore((s) => s.submitCommand);
  const offered = KINDS.filter((k) => policy?.arrangement.kinds.includes(k));
  const [kind, setKind] = useState<ArrangementKind>(
    prefillChoice(prefill, 'kind', offered, offered[0] ?? 'equal'),
  );
  const [down, setDown] = useState(prefillDollars(prefill, 'downPayment'));
  const [months, setMonths] = useState(prefillText(prefill, 'months'));
  const [monthly, setMonthly] = useState(prefillDollars(prefill, 'monthly'));
  const [income, setIncome] = useState(
    prefillDollars(
      prefill,
      'income',
      remembered ? (remembered.annualIncomeCents / 100).toFixed(2) : '',
    ),
  );
  const [household, setHousehold] = useState(
    prefillText(prefill, 'household', remembered ? String(remembered.size) : ''),
  );
  const bills = detail?.bills ?? [];
  const averageBill = bills.length
    ? Math.round(
        bills.slice(0, 12).reduce((s, b) => s + b.totalCents, 0) / Math.min(12, bills.length),
      )
    : 0;
  const [currentMonthly, setCurrentMonthly] = useState(
    prefillDollars(prefill, 'currentMonthly', averageBill ? (averageBill / 100).toFixed(2) : ''),
  );
  const [seq, setSeq] = useState<number | null>(null);
  const [readIn, setReadIn] = useState<AppLocale>(header.language);
  const [copied, setCopied] = useState(false);

  const pastDue = header.pastDueCents;
  const current = Math.max(0, header.balanceCents - header.pastDueCents);
  // The current balance is billed but not yet due: it falls due on its bill's own date.
  const currentDueOn =
    bills
      .map((b) => b.dueOn)
      .filter((d) => d >= today.toString())
      .sort()[0] ?? null;
  const fields = {
    down: dollarsField(down, { negativeKey: 'downNegative' }),
    months: wholeField(months, { min: 1, max: 60 }),
    monthly: dollarsField(monthly),
    income: dollarsField(income),
    household: wholeField(household, { min: 1, max: 30 }),
    currentMonthly: dollarsField(currentMonthly),
  };
  const needsIncome = kind === 'percent-of-income';
  const householdValue =
    fields.income.value !== null && fields.household.value !== null
      ? { annualIncomeCents: fields.income.value, size: fields.household.value }
      : undefined;

  const outcome = ((): {
    decision: ArrangementDecision | null;
    error: Parsed<unknown>['error'];
  } => {
    if (!policy || !detail) return { decision: null, error: null };
    const error = firstError(...Object.values(fields));
    if (error) return { decision: null, error };
    if (needsIncome && !householdValue)
      return { decision: null, error: { key: 'calculators:arrangement.needsIncome' } };
    try {
      const decision = planArrangement(
        policy,
        {
          class: header.class,
          kind,
          pastDueCents: pastDue,
          currentCents: current,
          currentMonthlyCents: fields.currentMonthly.value ?? undefined,
          offer: {
            downPaymentCents: fields.down.value ?? undefined,
            monthlyCents: fields.monthly.value ?? undefined,
            months: fields.months.value ?? undefined,
          },
          household: householdValue,
          ...arrangementHistoryOf(detail, profile?.billFrequency, today),
        },
        today,
      );
      return { decision, error: null };
    } catch (err) {
      if (err instanceof ArrangementRequestError)
        return {
          decision: null,
          error: { key: `calculators:arrangement.field.${err.field.split('.')[0]}` },
        };
      throw err;
    }
  })();

  if (!policy || !detail) return <p className="muted">{t('panel.noPolicy')}</p>;
  const decision = outcome.decision;
  const activeArrangement = detail.arrangements.some((a) => a.status === 'active');

  const takeNearest = (plan: ArrangementPlan) => {
    setDown((plan.downPaymentCents / 100).toFixed(2));
    setMonths(String(plan.installments.length));
    setMonthly('');
  };
  const commit = async () => {
    const item = await submit({
      type: 'createArrangement',
      accountNumber: header.number,
      kind,
      offer: {
        ...(fields.down.value !== null ? { downPaymentCents: fields.down.value } : {}),
        ...(fields.monthly.value !== null ? { monthlyCents: fields.monthly.value } : {}),
        ...(fields.months.value !== null ? { months: fields.months.value } : {}),
      },
      ...(householdValue ? { household: householdValue } : {}),
      ...(kind === 'installment-plus-current' && fields.currentMonthly.value !== null
        ? { currentMonthlyCents: fields.currentMonthly.value }
        : {}),
    });
    if (item) setSeq(item.seq);
  };

  return (
    <PanelFrame
      title={t('panels.arrangement.title')}
      intro={t('arrangement.intro', {
        pastDue: f.money(pastDue),
        current: f.money(current),
        days: header.pastDueDays,
      })}
    >
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            label={t('arrangement.kind')}
            value={kind}
            onChange={(v) => setKind(v as ArrangementKind)}
          >
            {offered.map((k) => (
              <option key={k} value={k}>
                {t(`collections:kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {(kind === 'equal' || kind === 'installment-plus-current') && (
            <>
              <InputField
                label={t('arrangement.down')}
                hint={t('arrangement.downHint')}
                error={fields.down.error}
                inputMode="decimal"
                value={down}
                onChange={setDown}
              />
              <InputField
                label={t('arrangement.months')}
                error={fields.months.error}
                inputMode="numeric"
                value={months}
                onChange={setMonths}
              />
              <InputField
                label={t('arrangement.monthly')}
                hint={t('arrangement.monthlyHint')}
                error={fields.monthly.error}
                inputMode="decimal"
                value={monthly}
                onChange={setMonthly}
              />
            </>
          )}
          {kind === 'installment-plus-current' && (
            <InputField
              label={t('arrangement.currentMonthly')}
              error={fields.currentMonthly.error}
              inputMode="decimal"
              value={currentMonthly}
              onChange={setCurrentMonthly}
            />
          )}
          {needsIncome && (
            <>
              <InputField
                label={t('arrangement.income')}
                error={fields.income.error}
                inputMode="decimal"
                value={income}
                onChange={setIncome}
              />
              <InputField
                label={t('arrangement.household')}
                error={fields.household.error}
                inputMode="numeric"
                value={household}
                onChange={setHousehold}
              />
            </>
          )}
        </form>
        <div className="panel-result" aria-live="polite">
          {outcome.error && !Object.values(fields).some((x) => x.error) && (
            <p className="error">{t(outcome.error.key)}</p>
          )}
          {decision?.accepted && (
            <>
              <PlanTable plan={decision.plan} today={today.toString()} />
              <CurrentApart plan={decision.plan} dueOn={currentDueOn} />
            </>
          )}
          {decision && !decision.accepted && (
            <div className="refusal">
              <p className="error">
                <strong>{t('arrangement.refused')}</strong>
              </p>
              <RuleList rules={[decision.refusal]} />
              {decision.nearest ? (
                <>
                  <h4>{t('arrangement.nearest')}</h4>
                  <PlanTable plan={decision.nearest} today={today.toString()} />
                  <CurrentApart plan={decision.nearest} dueOn={currentDueOn} />
                  <button type="button" onClick={() => takeNearest(decision.nearest!)}>
                    {t('arrangement.useNearest')}
                  </button>
                </>
              ) : (
                <p className="muted">{t('arrangement.noNearest')}</p>
              )}
            </div>
          )}
        </div>
      </div>
      {decision && (
        <details className="rules-detail">
          <summary>{t('rules.all', { count: decision.rules.length })}</summary>
          <RuleList rules={decision.rules} />
        </details>
      )}
      <div className="panel-actions">
        {activeArrangement && seq === null && <p className="notice">{t('arrangement.active')}</p>}
        <button
          type="button"
          className="primary"
          disabled={!decision?.accepted || activeArrangement || seq !== null}
          onClick={() => void commit()}
        >
          {t('arrangement.commit')}
        </button>
        <ActionError />
        {seq !== null && (
          <CommandStatus
            seq={seq}
            type="createArrangement"
            applied={() => <p>{t('arrangement.created')}</p>}
          />
        )}
      </div>
      {decision?.accepted && (
        <Schedule
          plan={decision.plan}
          ctx={ctx}
          readIn={readIn}
          setReadIn={setReadIn}
          copied={copied}
          onCopied={setCopied}
        />
      )}
    </PanelFrame>
  );
}

/**
 * The current balance beside the plan, never in it: where the policy says current bills must be
 * paid, it is owed by its own due date on top of the installments.
 */
function CurrentApart({ plan, dueOn }: { plan: ArrangementPlan; dueOn: string | null }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  if (!plan.currentBalanceCents) return null;
  const amount = f.money(plan.currentBalanceCents);
  return (
    <p className="notice current-apart">
      {dueOn
        ? t('arrangement.currentApartBy', { amount, date: f.date(dueOn, 'long') })
        : t('arrangement.currentApart', { amount })}
    </p>
  );
}

function PlanTable({ plan, today }: { plan: ArrangementPlan; today: string }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  return (
    <table className="data plan">
      <caption>
        {t('arrangement.summary', {
          down: f.money(plan.downPaymentCents),
          count: plan.installments.length,
          total: f.money(plan.totalCents),
        })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('arrangement.payment')}</th>
          <th scope="col">{t('arrangement.due')}</th>
          <th scope="col" className="num">
            {t('arrangement.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {plan.downPaymentCents > 0 && (
          <tr>
            <td>{t('arrangement.downRow')}</td>
            <td>{f.date(today)}</td>
            <td className="num">{f.money(plan.downPaymentCents)}</td>
          </tr>
        )}
        {plan.installments.map((i) => (
          <tr key={i.number}>
            <td>
              {t('arrangement.installmentRow', { number: i.number })}
              {i.currentBillCents !== undefined &&
                ` ${t('arrangement.plusCurrent', { amount: f.money(i.currentBillCents) })}`}
            </td>
            <td>{f.date(i.due)}</td>
            <td className="num">{f.money(i.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The schedule as the customer receives it, in their language or the other: read it, print it
 * (the print stylesheet prints both languages, the customer's first), or copy the email text.
 */
function Schedule({
  plan,
  ctx,
  readIn,
  setReadIn,
  copied,
  onCopied,
}: {
  plan: SchedulePlan;
  ctx: AccountContext;
  readIn: AppLocale;
  setReadIn: (l: AppLocale) => void;
  copied: boolean;
  onCopied: (c: boolean) => void;
}) {
  const { t } = useTranslation('calculators');
  const { header, policy, today } = ctx;
  const input = {
    customerName: header.name,
    accountNumber: header.number,
    pastDueCents: header.pastDueCents,
    today: today.toString(),
  };
  const first: AppLocale = header.language;
  const both = [first, first === 'en' ? 'es' : 'en'].map((l) =>
    arrangementSchedule(policy!, plan, input, l as AppLocale),
  );
  const shown = both.find((s) => s.locale === readIn)!;
  return (
    <section className="schedule" aria-labelledby="schedule-title">
      <h4 id="schedule-title">{t('schedule.title')}</h4>
      <LanguageChoice value={readIn} onChange={setReadIn} label={t('schedule.language')} />
      <ScheduleText schedule={shown} />
      <div className="panel-actions">
        <button type="button" onClick={() => window.print()}>
          {t('schedule.print')}
        </button>
        <button
          type="button"
          onClick={() => void copyText(`${shown.subject}\n\n${shown.text}`).then(onCopied)}
        >
          {t('schedule.copy')}
        </button>
        <span className="muted" role="status">
          {copied ? t('schedule.copied') : ''}
        </span>
      </div>
      <label className="field">
        <span>{t('schedule.email')}</span>
        <textarea readOnly rows={6} value={`${shown.subject}\n\n${shown.text}`} lang={readIn} />
      </label>
      <div className="printable" aria-hidden="true">
        {both.map((s) => (
          <ScheduleText key={s.locale} schedule={s} />
        ))}
      </div>
    </section>
  );
}

function ScheduleText({ schedule }: { schedule: ReturnType<typeof arrangementSchedule> }) {
  const c = schedule.columns;
  return (
    <article className="schedule-text" lang={schedule.locale}>
      <h5>{schedule.title}</h5>
      {schedule.before.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{c.payment}</th>
            <th scope="col">{c.due}</th>
            <th scope="col" className="num">
              {c.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {schedule.rows.map((r) => (
            <tr key={`${r.label}-${r.due}`}>
              <td>{r.label}</td>
              <td>{r.due}</td>
              <td className="num">{r.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {schedule.after.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </article>
  );
}
