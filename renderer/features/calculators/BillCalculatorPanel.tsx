import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween, parsePlainDate } from '../../../shared/dates';
import type { AppLocale } from '../../../shared/i18n/format';
import { type Bill, type BillInput, BillInputError } from '../../../shared/rates/bill';
import { type CalculatorField, calculatorFields } from '../../../shared/rates/calculator';
import { computeBill } from '../../../shared/rates/compute';
import { describeLine, explainBill } from '../../../shared/rates/explain';
import { billSentences } from '../account/bill-explain';
import { useFormat } from '../account/format';
import { LinesTable } from '../account/sections';
import { decimalField, firstError, type Parsed, wholeField } from './fields';
import { InputField, LanguageChoice, PanelFrame, type PanelProps, SelectField } from './kit';
import { prefillChoice, prefillText } from './prefill';

/** The season of a month where the utility's months were not gathered: May to October is summer. */
const seasonOf = (month: number) => (month >= 5 && month <= 10 ? 'summer' : 'winter');

/**
 * "What would my bill be at N units": the account's utility profile prices the use the caller
 * asks about, line by line, beside the current bill; both explained in the caller's language.
 */
export function BillCalculatorPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, detail, profile, today } = ctx;
  const last = detail?.bills[0] ?? null;
  const lastDays = last
    ? daysBetween(parsePlainDate(last.periodFrom)!, parsePlainDate(last.periodTo)!)
    : 30;
  const meterSize = detail?.meters[0]?.size ?? '';
  const [usage, setUsage] = useState(prefillText(prefill, 'usage', last?.usage ?? ''));
  const [days, setDays] = useState(prefillText(prefill, 'days', String(lastDays)));
  const [values, setValues] = useState<Record<CalculatorField, string>>({
    meterSize: prefillText(prefill, 'meterSize', meterSize),
    municipality: detail?.premise.municipality ?? header.municipality,
    imperviousSqft: '',
    season: prefillChoice(prefill, 'season', ['summer', 'winter'], seasonOf(today.month)),
    heating: prefillChoice(prefill, 'heating', ['gas', 'electric'], 'gas'),
    householdSize: '',
    irrigatedSqft: '',
    etInches: '',
  });
  const [readIn, setReadIn] = useState<AppLocale>(header.language);
  const asked = profile ? calculatorFields(profile) : [];
  const set = (k: CalculatorField, v: string) => setValues((old) => ({ ...old, [k]: v }));

  const usageField = decimalField(usage, { required: true, min: 0, max: 1_000_000 });
  const daysField = wholeField(days, { required: true, min: 1, max: 400 });
  const numeric: Partial<Record<CalculatorField, Parsed<string | null>>> = {
    imperviousSqft: decimalField(values.imperviousSqft, {
      required: true,
      min: 0,
      max: 10_000_000,
    }),
    householdSize: decimalField(values.householdSize, { required: true, min: 1, max: 30 }),
    irrigatedSqft: decimalField(values.irrigatedSqft, { required: true, min: 0, max: 10_000_000 }),
    etInches: decimalField(values.etInches, { required: true, min: 0, max: 50 }),
  };

  const result = ((): { bill: Bill | null; error: string | null } => {
    if (!profile) return { bill: null, error: null };
    const errors = firstError(usageField, daysField, ...asked.flatMap((k) => numeric[k] ?? []));
    if (errors) return { bill: null, error: null };
    const input: BillInput = {
      class: header.class,
      usage: usageField.value!,
      days: daysField.value!,
      ...(asked.includes('meterSize') ? { meterSize: values.meterSize } : {}),
      ...(asked.includes('municipality') ? { municipality: values.municipality } : {}),
      ...(asked.includes('imperviousSqft')
        ? { imperviousSqft: Number(values.imperviousSqft) }
        : {}),
      ...(asked.includes('season') ? { season: values.season as 'summer' | 'winter' } : {}),
      ...(asked.includes('heating') ? { heating: values.heating as 'gas' | 'electric' } : {}),
      ...(asked.includes('householdSize') ? { householdSize: Number(values.householdSize) } : {}),
      ...(asked.includes('irrigatedSqft') ? { irrigatedSqft: Number(values.irrigatedSqft) } : {}),
      ...(asked.includes('etInches') ? { etInches: Number(values.etInches) } : {}),
    };
    try {
      return { bill: computeBill(profile, input), error: null };
    } catch (err) {
      if (err instanceof BillInputError) return { bill: null, error: err.field.split('.')[0] };
      throw err;
    }
  })();

  if (!profile) return <p className="muted">{t('panel.noProfile')}</p>;
  const unit = f.unit(profile.unit);
  const bill = result.bill;
  const diff = bill && last ? bill.totalCents - last.totalCents : null;

  const fieldFor = (k: CalculatorField) => {
    if (k === 'season' || k === 'heating') {
      const options = k === 'season' ? ['summer', 'winter'] : ['gas', 'electric'];
      return (
        <SelectField
          key={k}
          label={t(`bill.fields.${k}`)}
          hint={k === 'season' ? t('bill.seasonHint') : undefined}
          value={values[k]}
          onChange={(v) => set(k, v)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`bill.options.${o}`)}
            </option>
          ))}
        </SelectField>
      );
    }
    if (k === 'meterSize' && profile.kind === 'native') {
      return (
        <SelectField
          key={k}
          label={t('bill.fields.meterSize')}
          value={values.meterSize}
          onChange={(v) => set(k, v)}
        >
          {profile.meterSizes.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
      );
    }
    if (k === 'municipality' && profile.kind === 'native') {
      return (
        <SelectField
          key={k}
          label={t('bill.fields.municipality')}
          value={values.municipality}
          onChange={(v) => set(k, v)}
        >
          {profile.municipalities?.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </SelectField>
      );
    }
    return (
      <InputField
        key={k}
        label={t(`bill.fields.${k}`)}
        error={numeric[k]?.error}
        inputMode="decimal"
        value={values[k]}
        onChange={(v) => set(k, v)}
      />
    );
  };

  return (
    <PanelFrame
      title={t('panels.bill-calculator.title')}
      intro={t('bill.intro', {
        utility: profile.name,
        effective: f.date(profile.effective, 'long'),
      })}
    >
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          <InputField
            label={t('bill.usage', { unit })}
            error={usageField.error}
            inputMode="decimal"
            value={usage}
            onChange={setUsage}
          />
          <InputField
            label={t('bill.days')}
            error={daysField.error}
            inputMode="numeric"
            value={days}
            onChange={setDays}
          />
          {asked.map(fieldFor)}
        </form>
        <div className="panel-result" aria-live="polite">
          {result.error && (
            <p className="error">
              {t('bill.inputError', {
                field: t(`bill.fields.${result.error}`, { defaultValue: result.error }),
              })}
            </p>
          )}
          {bill && (
            <>
              <p className="big">
                {t('bill.total', {
                  usage: f.number(usage, 3),
                  unit,
                  total: f.money(bill.totalCents),
                })}
              </p>
              {last && diff !== null && (
                <p>
                  {t(diff >= 0 ? 'bill.moreThanLast' : 'bill.lessThanLast', {
                    amount: f.money(Math.abs(diff)),
                    last: f.money(last.totalCents),
                    usage: f.number(last.usage, 3),
                    unit,
                  })}
                </p>
              )}
              <LinesTable
                caption={t('bill.lines')}
                lines={bill.lines.map((line) => ({
                  ...line,
                  description: describeLine(line, f.locale),
                }))}
              />
            </>
          )}
        </div>
      </div>
      <LanguageChoice value={readIn} onChange={setReadIn} label={t('bill.readIn')} />
      {bill && (
        <>
          <h4>{t('bill.explainAsked')}</h4>
          <ol className="explanation" lang={readIn}>
            {explainBill(bill, readIn).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </>
      )}
      {last && (
        <>
          <h4>
            {t('bill.explainCurrent', { from: f.date(last.periodFrom), to: f.date(last.periodTo) })}
          </h4>
          <ol className="explanation" lang={readIn}>
            {billSentences(last, ctx.utility, readIn).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </>
      )}
    </PanelFrame>
  );
}
