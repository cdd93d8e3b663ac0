import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccountDetail,
  AccountHeader,
  CommandResult,
  CommandType,
  DepositFacts,
} from '../../../shared/cis';
import { depositOf, paymentHistoryMonths } from '../../../shared/collections';
import type { AppLocale } from '../../../shared/i18n/format';
import { planServiceOrder } from '../../../shared/service/orders';
import { call } from '../../bridge';
import { useAppStore } from '../../store';
import type { PanelId } from '../../store/ui-slice';
import { useFormat } from '../account/format';
import { dateField, dollarsField, firstError, phoneField, textField, wholeField } from './fields';
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
import { OrderBooked } from './order-result';
import { prefillChoice, prefillText } from './prefill';
import { PlanSummary } from './ServiceOrderPanel';

type Mode = Extract<
  PanelId,
  'start-service' | 'stop-service' | 'transfer-service' | 'change-holder'
>;

/** The command each mode files. */
const COMMANDS = {
  'start-service': 'startService',
  'stop-service': 'stopService',
  'transfer-service': 'transferService',
  'change-holder': 'changeAccountHolder',
} as const satisfies Record<Mode, CommandType>;
type ChangeCommand = (typeof COMMANDS)[Mode];

/** What the mode needs of the open account's status before anything can be filed. */
const NEEDS_ACTIVE: Record<Mode, boolean> = {
  'start-service': false,
  'stop-service': true,
  'transfer-service': true,
  'change-holder': true,
};

/**
 * Start, stop and transfer service, and change of account holder: the form, the deposit the
 * policy asks (or its waiver and why), the final read booked on the utility's calendar, and the
 * new account once the central system has made it.
 */
export function ServiceChangePanel({ ctx, mode, prefill }: PanelProps & { mode: Mode }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, profile, fieldService, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const openAccount = useAppStore((s) => s.openAccount);
  const tomorrow = today.add({ days: 1 }).toString();
  const [date, setDate] = useState(prefillText(prefill, 'date', tomorrow));
  const [name, setName] = useState(prefillText(prefill, 'name'));
  const [phone, setPhone] = useState(prefillText(prefill, 'phone'));
  const [email, setEmail] = useState(prefillText(prefill, 'email'));
  const [language, setLanguage] = useState<AppLocale>(
    prefillChoice(prefill, 'language', ['en', 'es'] as const, 'en'),
  );
  const [cls, setCls] = useState<'residential' | 'commercial'>(header.class);
  const [notes, setNotes] = useState(prefillText(prefill, 'notes'));
  const [forward, setForward] = useState({ line1: '', city: '', state: '', zip: '' });
  const [finalRead, setFinalRead] = useState(true);
  const [destinationText, setDestinationText] = useState(prefillText(prefill, 'destination'));
  const destination = useDestination(destinationText.trim().toUpperCase());
  const [facts, setFacts] = useState({
    months: '',
    disconnected: false,
    pfa: false,
    income: '',
    household: '',
  });
  const [seq, setSeq] = useState<number | null>(null);
  if (!policy || !fieldService) return <p className="muted">{t('panel.noPolicy')}</p>;

  const dateParsed = dateField(date, { notBefore: today });
  const holder = {
    name: textField(name, { min: 2, max: 120 }),
    phone: phoneField(phone),
    email: email.trim()
      ? textField(email, {
          min: 3,
          max: 200,
          pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
          patternKey: 'email',
        })
      : null,
  };
  const factFields = {
    months: wholeField(facts.months, { min: 0, max: 600 }),
    income: dollarsField(facts.income),
    household: wholeField(facts.household, { min: 1, max: 30 }),
  };
  const depositFacts: DepositFacts = {
    ...(factFields.months.value !== null ? { onTimePaymentMonths: factFields.months.value } : {}),
    ...(facts.disconnected ? { disconnectedLast12Months: true } : {}),
    ...(facts.pfa ? { protectionFromAbuseOrder: true } : {}),
    ...(factFields.income.value !== null && factFields.household.value !== null
      ? {
          household: {
            annualIncomeCents: factFields.income.value,
            size: factFields.household.value,
          },
        }
      : {}),
  };
  // A move weighs the customer's own record; a new holder what they tell the agent.
  const history =
    mode === 'transfer-service'
      ? paymentHistoryMonths(detail, profile?.billFrequency, today)
      : null;
  // The premise the service is at: the destination's on a move.
  const premise = mode === 'transfer-service' ? destination.detail : detail;
  const deposit =
    mode === 'stop-service' || premise === null
      ? null
      : depositOf(
          policy,
          premise,
          {
            class: cls,
            facts: depositFacts,
            ...(history !== null ? { onTimePaymentMonths: history } : {}),
          },
          today,
        );
  const orderType =
    mode === 'start-service'
      ? 'turn-on'
      : mode === 'change-holder'
        ? finalRead
          ? 'final-read'
          : null
        : 'turn-off';
  const plan =
    orderType && dateParsed.value
      ? planServiceOrder(
          fieldService,
          orderType,
          { now: new Date(), today, preferred: dateParsed.value },
          f.locale,
        )
      : null;

  const statusProblem = NEEDS_ACTIVE[mode]
    ? header.status !== 'active'
      ? 'change.needsActive'
      : null
    : header.status === 'active' || header.status === 'pending-start'
      ? 'change.premiseServed'
      : null;
  const destinationProblem =
    mode !== 'transfer-service'
      ? null
      : !destination.header
        ? 'change.destinationUnknown'
        : destination.header.status === 'active' || destination.header.status === 'pending-start'
          ? 'change.premiseServed'
          : null;
  const needsHolder = mode === 'start-service' || mode === 'change-holder';
  const formError = firstError(
    dateParsed,
    ...(needsHolder ? [holder.name, holder.phone, ...(holder.email ? [holder.email] : [])] : []),
    ...Object.values(factFields),
  );

  const commit = async () => {
    const on = dateParsed.value!;
    const command =
      mode === 'start-service'
        ? {
            type: 'startService' as const,
            accountNumber: header.number,
            holder: {
              name: holder.name.value!,
              preferredLanguage: language,
              phone: holder.phone.value!,
              ...(holder.email?.value ? { email: holder.email.value } : {}),
            },
            class: cls,
            startOn: on,
            deposit: depositFacts,
          }
        : mode === 'stop-service'
          ? {
              type: 'stopService' as const,
              accountNumber: header.number,
              stopOn: on,
              notes: notes.trim(),
              ...(forward.line1.trim()
                ? { forwardingAddress: { ...forward, state: forward.state.toUpperCase() } }
                : {}),
            }
          : mode === 'transfer-service'
            ? {
                type: 'transferService' as const,
                accountNumber: header.number,
                destinationAccountNumber: destination.header!.number,
                moveOn: on,
                deposit: depositFacts,
              }
            : {
                type: 'changeAccountHolder' as const,
                accountNumber: header.number,
                newHolderName: holder.name.value!,
                preferredLanguage: language,
                phone: holder.phone.value!,
                effectiveOn: on,
                finalRead,
                deposit: depositFacts,
              };
    const item = await submit(command);
    if (item) setSeq(item.seq);
  };

  const setFact = (k: keyof typeof facts, v: string | boolean) =>
    setFacts((old) => ({ ...old, [k]: v }));

  return (
    <PanelFrame
      title={t(`panels.${mode}.title`)}
      intro={t(`change.intro.${mode}`, { address: header.serviceAddress, name: header.name })}
    >
      {statusProblem && seq === null && (
        <p className="notice">
          {t(statusProblem, { status: t(`account:status.${header.status}`) })}
        </p>
      )}
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          {mode === 'transfer-service' && (
            <InputField
              label={t('change.destination')}
              hint={
                destination.header
                  ? t('change.destinationFound', {
                      address: destination.header.serviceAddress,
                      status: t(`account:status.${destination.header.status}`),
                    })
                  : t('change.destinationHint')
              }
              value={destinationText}
              onChange={setDestinationText}
            />
          )}
          {needsHolder && (
            <>
              <InputField
                label={t('change.name')}
                error={name ? holder.name.error : null}
                autoComplete="off"
                value={name}
                onChange={setName}
              />
              <InputField
                label={t('change.phone')}
                error={phone ? holder.phone.error : null}
                inputMode="tel"
                value={phone}
                onChange={setPhone}
              />
              {mode === 'start-service' && (
                <InputField
                  label={t('change.email')}
                  error={holder.email?.error}
                  type="email"
                  value={email}
                  onChange={setEmail}
                />
              )}
              <SelectField
                label={t('change.language')}
                value={language}
                onChange={(v) => setLanguage(v as AppLocale)}
              >
                <option value="en">{t('account:languages.en')}</option>
                <option value="es">{t('account:languages.es')}</option>
              </SelectField>
            </>
          )}
          {mode === 'start-service' && (
            <SelectField
              label={t('change.class')}
              value={cls}
              onChange={(v) => setCls(v as typeof cls)}
            >
              <option value="residential">{t('account:class.residential')}</option>
              <option value="commercial">{t('account:class.commercial')}</option>
            </SelectField>
          )}
          <InputField
            label={t(`change.date.${mode}`)}
            error={dateParsed.error}
            type="date"
            value={date}
            onChange={setDate}
          />
          {mode === 'change-holder' && (
            <CheckField label={t('change.finalRead')} checked={finalRead} onChange={setFinalRead} />
          )}
          {mode === 'stop-service' && (
            <fieldset className="address">
              <legend>{t('change.forward')}</legend>
              {(['line1', 'city', 'state', 'zip'] as const).map((k) => (
                <InputField
                  key={k}
                  label={t(`change.address.${k}`)}
                  value={forward[k]}
                  maxLength={k === 'state' ? 2 : 120}
                  onChange={(v) => setForward((a) => ({ ...a, [k]: v }))}
                />
              ))}
            </fieldset>
          )}
          {mode === 'stop-service' && (
            <TextAreaField
              label={t('orders.notes')}
              rows={2}
              maxLength={500}
              value={notes}
              onChange={setNotes}
            />
          )}
          {mode !== 'stop-service' && (
            <fieldset>
              <legend>{t('change.depositFacts')}</legend>
              {mode !== 'transfer-service' && (
                <InputField
                  label={t('change.months')}
                  hint={t('change.monthsHint')}
                  error={factFields.months.error}
                  inputMode="numeric"
                  value={facts.months}
                  onChange={(v) => setFact('months', v)}
                />
              )}
              <CheckField
                label={t('change.disconnected')}
                checked={facts.disconnected}
                onChange={(v) => setFact('disconnected', v)}
              />
              <CheckField
                label={t('change.pfa')}
                checked={facts.pfa}
                onChange={(v) => setFact('pfa', v)}
              />
              <InputField
                label={t('change.income')}
                error={factFields.income.error}
                inputMode="decimal"
                value={facts.income}
                onChange={(v) => setFact('income', v)}
              />
              <InputField
                label={t('change.household')}
                error={factFields.household.error}
                inputMode="numeric"
                value={facts.household}
                onChange={(v) => setFact('household', v)}
              />
            </fieldset>
          )}
        </form>
        <div className="panel-result" aria-live="polite">
          {deposit && (
            <section aria-labelledby="deposit-title">
              <h4 id="deposit-title">{t('change.deposit')}</h4>
              <p className="big">
                {deposit.waived
                  ? t('change.depositWaived')
                  : t('change.depositAmount', { amount: f.money(deposit.amountCents) })}
              </p>
              {history !== null && (
                <p>
                  {t('change.carried', {
                    held: f.money(detail.depositCents),
                    months: history,
                  })}
                </p>
              )}
              <RuleList rules={deposit.rules} />
            </section>
          )}
          {mode === 'transfer-service' && destination.header && !destination.detail && (
            <p className="muted">{t('change.destinationNoBills')}</p>
          )}
          {plan?.offered && (
            <section aria-labelledby="read-title">
              <h4 id="read-title">{t(`change.order.${orderType}`)}</h4>
              <PlanSummary plan={plan} timeZone={fieldService.timeZone} />
            </section>
          )}
        </div>
      </div>
      <div className="panel-actions">
        <button
          type="button"
          className="primary"
          disabled={!!statusProblem || !!destinationProblem || !!formError || seq !== null}
          onClick={() => void commit()}
        >
          {t(`change.commit.${mode}`)}
        </button>
        {(destinationProblem && destinationText) || formError ? (
          <span className="muted">
            {destinationProblem ? t(destinationProblem, { status: '' }) : t('change.completeForm')}
          </span>
        ) : null}
        <ActionError />
        {seq !== null && (
          <CommandStatus
            seq={seq}
            type={COMMANDS[mode]}
            applied={(r) => <Changed result={r} onOpen={(n) => void openAccount(n)} />}
          />
        )}
      </div>
    </PanelFrame>
  );
}

/** What the central system made: the new account, its deposit, and the orders it booked. */
function Changed({
  result,
  onOpen,
}: {
  result: CommandResult<ChangeCommand>;
  onOpen: (number: string) => void;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const orders = {
    turnOn: 'turnOn' in result ? result.turnOn : null,
    turnOff: 'turnOff' in result ? result.turnOff : null,
    finalRead: 'finalRead' in result ? result.finalRead : null,
  };
  return (
    <div>
      {'newAccountNumber' in result && (
        <p>
          {t('change.newAccount', { number: result.newAccountNumber })}{' '}
          <button type="button" className="link" onClick={() => onOpen(result.newAccountNumber)}>
            {t('change.openNew')}
          </button>
        </p>
      )}
      {'deposit' in result && (
        <p>
          {result.deposit.waived
            ? t('change.depositWaived')
            : t('change.depositAmount', { amount: f.money(result.deposit.amountCents) })}
        </p>
      )}
      {(['turnOn', 'turnOff', 'finalRead'] as const).map((k) => {
        const order = orders[k];
        return order ? <OrderBooked key={k} order={order} labelKey={`change.booked.${k}`} /> : null;
      })}
    </div>
  );
}

/** The account at the premise a customer moves to, from the desktop's cache and the CIS. */
function useDestination(number: string): {
  header: AccountHeader | null;
  detail: AccountDetail | null;
} {
  const [found, setFound] = useState<{
    header: AccountHeader | null;
    detail: AccountDetail | null;
  }>({ header: null, detail: null });
  useEffect(() => {
    setFound({ header: null, detail: null });
    if (!/^[A-Z0-9-]{4,20}$/.test(number)) return;
    let live = true;
    void call('account.search', { query: number, limit: 5 })
      .then(async ({ results }) => {
        const hit = results.find((r) => r.header.number === number)?.header ?? null;
        if (!live || !hit) return;
        setFound({ header: hit, detail: null });
        const view = await call('account.refresh', { number });
        if (live) setFound({ header: view.header, detail: view.detail });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [number]);
  return found;
}
