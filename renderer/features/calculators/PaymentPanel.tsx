import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PAYMENT_CENTS } from '../../../shared/cis/commands/payments';
import { allocationOf } from '../../../shared/collections/account-facts';
import type { AppLocale } from '../../../shared/i18n/format';
import {
  BANK_ACCOUNT_NUMBER,
  isAbaRoutingNumber,
  type PaymentChannel,
  receiptText,
  type Tender,
  tenderDetail,
} from '../../../shared/payments';
import { getUtility } from '../../../shared/utilities';
import { call } from '../../bridge';
import { useAppStore } from '../../store';
import { messageKeyOf } from '../../store/errors';
import { useFormat } from '../account/format';
import { CardCaptureStrip } from './CardCaptureStrip';
import { dollarsField, firstError, type Parsed, textField } from './fields';
import {
  ActionError,
  CommandStatus,
  InputField,
  LanguageChoice,
  PanelFrame,
  type PanelProps,
  SelectField,
} from './kit';
import { prefillChoice, prefillDollars } from './prefill';

export const TENDERS = ['cash', 'check', 'money-order', 'card', 'ach'] as const;
type TenderKind = (typeof TENDERS)[number];
const CHANNELS = ['phone', 'counter', 'mail'] as const;
const ACCOUNT_TYPES = ['checking', 'savings'] as const;

const bad = <T,>(key: string): Parsed<T> => ({
  value: null,
  error: { key: `calculators:payment.errors.${key}` },
});

/** A routing number: nine digits whose ABA check digit holds. */
export function routingField(text: string): Parsed<string> {
  const t = text.replace(/[\s-]/g, '');
  if (!t) return bad('required');
  if (!/^\d{9}$/.test(t)) return bad('routingDigits');
  return isAbaRoutingNumber(t) ? { value: t, error: null } : bad('routingCheck');
}

/** A bank account number: 4 to 17 digits (only its last four leave the desk). */
export function bankAccountField(text: string): Parsed<string> {
  const t = text.replace(/[\s-]/g, '');
  if (!t) return bad('required');
  return BANK_ACCOUNT_NUMBER.test(t) ? { value: t, error: null } : bad('bankAccount');
}

/**
 * Taking a payment at the desk: the amount (the past due or the balance in one key), the tender
 * with its checks (a check's number and bank, a money order's serial, a bank account's routing
 * number by the ABA check digit and its account number, of which only the last four leave the
 * desk), where it was taken. What it will pay is shown before it is posted, by the function the
 * central system applies it with; it goes through the outbox as `postPayment`; the receipt comes
 * back in the customer's language, to print or save as the central system's PDF. A card is taken
 * only by the secure capture on a live call: the agent never hears or sees the number.
 */
export function PaymentPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const settings = getUtility(header.utilityId)?.payments ?? null;
  const [amount, setAmount] = useState(
    prefillDollars(
      prefill,
      'amount',
      header.pastDueCents > 0 ? (header.pastDueCents / 100).toFixed(2) : '',
    ),
  );
  const [kind, setKind] = useState<TenderKind>(prefillChoice(prefill, 'tender', TENDERS, 'cash'));
  const [channel, setChannel] = useState<PaymentChannel>(
    prefillChoice(prefill, 'channel', CHANNELS, 'phone'),
  );
  const [checkNumber, setCheckNumber] = useState('');
  const [bank, setBank] = useState('');
  const [serial, setSerial] = useState('');
  const [issuer, setIssuer] = useState('');
  const [routing, setRouting] = useState('');
  const [bankAccount, setBankAccount] = useState('');
  const [accountType, setAccountType] = useState<(typeof ACCOUNT_TYPES)[number]>('checking');
  const [seq, setSeq] = useState<number | null>(null);
  const [sent, setSent] = useState<Tender | null>(null);

  const amountField = dollarsField(amount, { required: true, min: 1, max: MAX_PAYMENT_CENTS });
  const checkNumberField = textField(checkNumber, {
    min: 1,
    max: 10,
    pattern: /^\d+$/,
    patternKey: 'digits',
  });
  const bankField = textField(bank, { min: 2, max: 80 });
  const serialField = textField(serial, {
    min: 4,
    max: 20,
    pattern: /^\d+$/,
    patternKey: 'digits',
  });
  const issuerField = textField(issuer, { min: 2, max: 80 });
  const routingParsed = routingField(routing);
  const accountParsed = bankAccountField(bankAccount);

  const tenderOf = (): Tender | null => {
    switch (kind) {
      case 'cash':
        return { kind };
      case 'check':
        return firstError(checkNumberField, bankField)
          ? null
          : { kind, checkNumber: checkNumberField.value!, bank: bankField.value! };
      case 'money-order':
        return firstError(serialField, issuerField)
          ? null
          : { kind, serialNumber: serialField.value!, issuer: issuerField.value! };
      case 'ach':
        return firstError(routingParsed, accountParsed)
          ? null
          : {
              kind,
              routingNumber: routingParsed.value!,
              accountLast4: accountParsed.value!.slice(-4),
              accountType,
            };
      case 'card':
        return null;
    }
  };
  const tender = tenderOf();
  const cents = amountField.value;
  const preview =
    policy && settings && cents ? allocationOf(policy, settings, detail, cents, today) : [];
  const canPost = !!tender && cents !== null && seq === null;

  const post = async () => {
    if (!tender || cents === null) return;
    const queued = await submit({
      type: 'postPayment',
      accountNumber: header.number,
      amountCents: cents,
      tender,
      channel,
    });
    if (queued) {
      setSeq(queued.seq);
      setSent(tender);
      // The full bank account number is not kept once its last four are on their way.
      setBankAccount('');
    }
  };

  const fill = (c: number) => setAmount((c / 100).toFixed(2));
  const touched = (text: string, p: Parsed<unknown>) => (text ? p.error : null);

  return (
    <PanelFrame
      title={t('panels.payment.title')}
      intro={t('payment.intro', {
        balance: f.money(header.balanceCents),
        pastDue: f.money(header.pastDueCents),
      })}
    >
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()} autoComplete="off">
          <InputField
            label={t('payment.amount')}
            error={touched(amount, amountField)}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
          />
          <div className="row">
            {header.pastDueCents > 0 && (
              <button type="button" onClick={() => fill(header.pastDueCents)}>
                {t('payment.payPastDue', { amount: f.money(header.pastDueCents) })}
              </button>
            )}
            {header.balanceCents > 0 && (
              <button type="button" onClick={() => fill(header.balanceCents)}>
                {t('payment.payBalance', { amount: f.money(header.balanceCents) })}
              </button>
            )}
          </div>
          <SelectField
            label={t('payment.tender')}
            value={kind}
            onChange={(v) => setKind(v as TenderKind)}
          >
            {TENDERS.map((k) => (
              <option key={k} value={k}>
                {t(`payment.tenders.${k}`)}
              </option>
            ))}
          </SelectField>
          {kind === 'check' && (
            <>
              <InputField
                label={t('payment.checkNumber')}
                error={touched(checkNumber, checkNumberField)}
                inputMode="numeric"
                value={checkNumber}
                onChange={setCheckNumber}
              />
              <InputField
                label={t('payment.bank')}
                error={touched(bank, bankField)}
                value={bank}
                onChange={setBank}
              />
            </>
          )}
          {kind === 'money-order' && (
            <>
              <InputField
                label={t('payment.serialNumber')}
                error={touched(serial, serialField)}
                inputMode="numeric"
                value={serial}
                onChange={setSerial}
              />
              <InputField
                label={t('payment.issuer')}
                error={touched(issuer, issuerField)}
                value={issuer}
                onChange={setIssuer}
              />
            </>
          )}
          {kind === 'ach' && (
            <>
              <InputField
                label={t('payment.routingNumber')}
                hint={t('payment.routingHint')}
                error={touched(routing, routingParsed)}
                inputMode="numeric"
                value={routing}
                onChange={setRouting}
              />
              <InputField
                label={t('payment.bankAccount')}
                hint={t('payment.bankAccountHint')}
                error={touched(bankAccount, accountParsed)}
                inputMode="numeric"
                value={bankAccount}
                onChange={setBankAccount}
              />
              <SelectField
                label={t('payment.accountType')}
                value={accountType}
                onChange={(v) => setAccountType(v as (typeof ACCOUNT_TYPES)[number])}
              >
                {ACCOUNT_TYPES.map((k) => (
                  <option key={k} value={k}>
                    {t(`payment.accountTypes.${k}`)}
                  </option>
                ))}
              </SelectField>
            </>
          )}
          {kind === 'card' && (
            <CardCaptureStrip accountNumber={header.number} amountCents={cents} />
          )}
          {kind !== 'card' && (
            <SelectField
              label={t('payment.channel')}
              value={channel}
              onChange={(v) => setChannel(v as PaymentChannel)}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`payment.channels.${c}`)}
                </option>
              ))}
            </SelectField>
          )}
        </form>
        <div className="panel-result" aria-live="polite">
          {preview.length > 0 && seq === null && (
            <AllocationTable
              caption={t('payment.willPay')}
              lines={preview.map((l) => ({ bucket: l.bucket, billId: l.billId, cents: l.cents }))}
              bills={detail.bills}
            />
          )}
        </div>
      </div>
      <div className="panel-actions">
        {kind !== 'card' && (
          <button type="button" className="primary" disabled={!canPost} onClick={() => void post()}>
            {cents !== null
              ? t('payment.post', { amount: f.money(cents) })
              : t('payment.postNoAmount')}
          </button>
        )}
        <ActionError />
        {seq !== null && sent && (
          <CommandStatus
            seq={seq}
            type="postPayment"
            applied={(r) => (
              <PaymentReceipt
                accountNumber={header.number}
                customerName={header.name}
                customerLanguage={header.language}
                utilityName={ctx.utility?.name ?? ''}
                bills={detail.bills}
                payment={{
                  paidOn: r.paidOn,
                  amountCents: cents ?? 0,
                  // The receipt names the tender in the customer's language.
                  tender: tenderCode(sent),
                  receiptNumber: r.receiptNumber,
                  channel,
                  tenderDetail: tenderDetail(sent),
                  allocations: r.allocations,
                }}
                balanceAfterCents={r.account.balanceCents}
                stoppedDisconnection={r.stoppedDisconnection}
              />
            )}
          />
        )}
      </div>
    </PanelFrame>
  );
}

type Bills = { id: string; periodFrom: string; periodTo: string }[];

function AllocationTable({
  caption,
  lines,
  bills,
}: {
  caption: string;
  lines: { bucket: string; billId: string | null; cents: number }[];
  bills: Bills;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('payment.line')}</th>
          <th scope="col" className="num">
            {t('payment.lineAmount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const bill = bills.find((b) => b.id === l.billId);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one allocation, in order
            <tr key={i}>
              <td>
                {t(`payment.buckets.${l.bucket}`)}
                {bill && ` · ${f.date(bill.periodFrom)} – ${f.date(bill.periodTo)}`}
              </td>
              <td className="num">{f.money(l.cents)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type ReceiptProps = Omit<Parameters<typeof receiptText>[0], 'bills'> & {
  bills: Bills;
  customerLanguage: AppLocale;
  stoppedDisconnection: boolean;
};

/**
 * The receipt as the customer reads it, in their language (the agent may switch): printed from
 * the screen, or saved as the central system's PDF of the same words.
 */
export function PaymentReceipt(props: ReceiptProps): ReactNode {
  const { t } = useTranslation('calculators');
  const [lang, setLang] = useState<AppLocale>(props.customerLanguage);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const r = receiptText(props, lang);
  const savePdf = async () => {
    setSaveError(null);
    try {
      const { base64 } = await call('payments.receiptPdf', {
        accountNumber: props.accountNumber,
        receiptNumber: props.payment.receiptNumber,
        lang,
      });
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.payment.receiptNumber}-${lang}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setSaved(true);
    } catch (err) {
      setSaveError(messageKeyOf(err));
    }
  };
  return (
    <div className="receipt">
      <p className="big">{t('payment.posted', { receipt: props.payment.receiptNumber })}</p>
      {props.stoppedDisconnection && <p className="notice">{t('payment.stoppedDisconnection')}</p>}
      <LanguageChoice value={lang} onChange={setLang} label={t('payment.receiptLanguage')} />
      <section className="receipt-print printable" lang={lang} aria-label={r.title}>
        <h4>
          {r.title} · {r.utilityName}
        </h4>
        <dl className="facts">
          {r.fields.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <table className="data">
          <caption>{r.whatItPaid}</caption>
          <tbody>
            {r.lines.map(([k, v], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one receipt, in order
              <tr key={i}>
                <th scope="row">{k}</th>
                <td className="num">{v}</td>
              </tr>
            ))}
            {r.totals.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="num">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{r.thanks}</p>
      </section>
      <div className="row">
        <button type="button" onClick={() => window.print()}>
          {t('payment.print')}
        </button>
        <button type="button" onClick={() => void savePdf()}>
          {t('payment.savePdf')}
        </button>
        {saved && <span role="status">{t('payment.pdfSaved')}</span>}
        {saveError && (
          <span className="error" role="alert">
            {t(saveError)}
          </span>
        )}
      </div>
    </div>
  );
}

const tenderCode = (sent: Tender) => sent.kind;
