import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { householdOnFile } from '../../../shared/collections/history';
import { daysBetween, parsePlainDate } from '../../../shared/dates';
import { readableCode } from '../../../shared/i18n';
import type { AppLocale } from '../../../shared/i18n/format';
import { type Bill, type BillInput, BillInputError } from '../../../shared/rates/bill';
import {
  billingClasses,
  type CalculatorField,
  type CustomerDataField,
  classFields,
} from '../../../shared/rates/calculator';
import { computeBill } from '../../../shared/rates/compute';
import { describeLine, explainBill } from '../../../shared/rates/explain';
import { sameMeterSize } from '../../../shared/rates/meter-size';
import { useAppStore } from '../../store';
import { billSentences } from '../account/bill-explain';
import { useFormat } from '../account/format';
import { LinesTable } from '../account/sections';
import { decimalField, firstError, type Parsed, wholeField } from './fields';
import { InputField, LanguageChoice, PanelFrame, type PanelProps, SelectField } from './kit';
import { prefillChoice, prefillText } from './prefill';

/** The season of a month where the utility's months were not gathered: May to October is summer. */
const seasonOf = (month: number) => (month >= 5 && month <= 10 ? 'summer' : 'winter');

/** The class the rates bill an account of the CIS's class by, where the profile has it. */
function classOf(classes: string[], accountClass: string): string {
  return classes.includes(accountClass) ? accountClass : (classes[0] ?? accountClass);
}

/**
 * "What would my bill be at N units": the account's utility profile prices the use the caller
 * asks about, line by line, beside the current bill; both explained in the caller's language.
 * Every class the profile bills can be priced: the panel asks what the class's rates read
 * (for an OWRS file, customer data such as a rate class or a water budget, by name), with what
 * the account already says filled in.
 */
export function BillCalculatorPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, detail, profile, today } = ctx;
  const screened = useAppStore((s) => s.households[header.number]);
  const last = detail?.bills[0] ?? null;
  const lastDays = last
    ? daysBetween(parsePlainDate(last.periodFrom)!, parsePlainDate(last.periodTo)!)
    : 30;
  const meterSize = detail?.meters[0]?.size ?? '';
  const household = screened ?? (detail ? householdOnFile(detail.enrollments) : undefined);
  const classes = profile ? billingClasses(profile) : [];
  const [cls, setCls] = useState(
    prefillChoice(prefill, 'class', classes, classOf(classes, header.class)),
  );
  const [usage, setUsage] = useState(prefillText(prefill, 'usage', last?.usage ?? ''));
  const [days, setDays] = useState(prefillText(prefill, 'days', String(lastDays)));
  const [values, setValues] = useState<Record<CalculatorField, string>>({
    meterSize: prefillText(prefill, 'meterSize', meterSize),
    municipality: detail?.premise.municipality ?? header.municipality,
    imperviousSqft: prefillText(prefill, 'imperviousSqft'),
    season: prefillChoice(prefill, 'season', ['summer', 'winter'], seasonOf(today.month)),
    heating: prefillChoice(prefill, 'heating', ['gas', 'electric'], 'gas'),
    householdSize: prefillText(prefill, 'householdSize', household ? String(household.size) : ''),
    irrigatedSqft: prefillText(prefill, 'irrigatedSqft'),
    etInches: prefillText(prefill, 'etInches'),
  });
  /** Customer data an OWRS class reads by name (`rate_class`, `commercial_budget`, ...). */
  const [data, setData] = useState<Record<string, string>>({});
  const [readIn, setReadIn] = useState<AppLocale>(header.language);
  const need = useMemo(
    () => (profile ? classFields(profile, cls) : { fields: [], data: [], meterSizes: [] }),
    [profile, cls],
  );
  const asked = need.fields;
  const set = (k: CalculatorField, v: string) => setValues((old) => ({ ...old, [k]: v }));
  // An OWRS class lists its meter sizes as its file writes them: the account's, found among them.
  const meterChoice =
    need.meterSizes.find((m) => sameMeterSize(m, values.meterSize)) ?? values.meterSize;

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
  const dataFields = need.data.map((d) => ({ d, parsed: dataField(d, data[d.name] ?? '') }));

  const result = ((): { bill: Bill | null; error: string | null } => {
    if (!profile) return { bill: null, error: null };
    const errors = firstError(
      usageField,
      daysField,
      ...asked.flatMap((k) => numeric[k] ?? []),
      ...dataFields.map((x) => x.parsed),
    );
    if (errors) return { bill: null, error: null };
    const input: BillInput = {
      class: cls,
      usage: usageField.value!,
      days: daysField.value!,
      ...(asked.includes('meterSize') ? { meterSize: meterChoice } : {}),
      ...(asked.includes('municipality') ? { municipality: values.municipality } : {}),
      ...(asked.includes('imperviousSqft')
        ? { imperviousSqft: Number(values.imperviousSqft) }
        : {}),
      ...(asked.includes('season') ? { season: values.season as 'summer' | 'winter' } : {}),
      ...(asked.includes('heating') ? { heating: values.heating as 'gas' | 'electric' } : {}),
      ...(asked.includes('householdSize') ? { householdSize: Number(values.householdSize) } : {}),
      ...(asked.includes('irrigatedSqft') ? { irrigatedSqft: Number(values.irrigatedSqft) } : {}),
      ...(asked.includes('etInches') ? { etInches: Number(values.etInches) } : {}),
      ...(dataFields.length
        ? { owrsData: Object.fromEntries(dataFields.map((x) => [x.d.name, x.parsed.value!])) }
        : {}),
    };
    try {
      return { bill: computeBill(profile, input), error: null };
    } catch (err) {
      if (err instanceof BillInputError) {
        const [field, name] = err.field.split('.');
        return { bill: null, error: field === 'owrsData' ? `data.${name}` : field };
      }
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
    if (k === 'meterSize' && need.meterSizes.length) {
      return (
        <SelectField
          key={k}
          label={t('bill.fields.meterSize')}
          value={meterChoice}
          onChange={(v) => set(k, v)}
        >
          {!need.meterSizes.includes(meterChoice) && (
            <option value={meterChoice}>{meterChoice || t('bill.choose')}</option>
          )}
          {need.meterSizes.map((m) => (
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
          {classes.length > 1 && (
            <SelectField label={t('bill.fields.class')} value={cls} onChange={setCls}>
              {classes.map((c) => (
                <option key={c} value={c}>
                  {t(`bill.classes.${c}`)}
                </option>
              ))}
            </SelectField>
          )}
          {asked.map(fieldFor)}
          {dataFields.map(({ d, parsed }) =>
            d.values.length ? (
              <SelectField
                key={d.name}
                label={t(`bill.data.${d.name}`)}
                error={parsed.error}
                value={data[d.name] ?? ''}
                onChange={(v) => setData((old) => ({ ...old, [d.name]: v }))}
              >
                <option value="">{t('bill.choose')}</option>
                {d.values.map((v) => (
                  <option key={v} value={v}>
                    {t(`bill.dataValues.${v}`)}
                  </option>
                ))}
              </SelectField>
            ) : (
              <InputField
                key={d.name}
                label={t(`bill.data.${d.name}`)}
                error={parsed.error}
                inputMode="decimal"
                value={data[d.name] ?? ''}
                onChange={(v) => setData((old) => ({ ...old, [d.name]: v }))}
              />
            ),
          )}
        </form>
        <div className="panel-result" aria-live="polite">
          {result.error && (
            <p className="error">
              {t('bill.inputError', {
                field: result.error.startsWith('data.')
                  ? t(`bill.data.${result.error.slice(5)}`, {
                      defaultValue: readableCode(result.error.slice(5)),
                    })
                  : t(`bill.fields.${result.error}`, { defaultValue: readableCode(result.error) }),
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

/** A value of customer data: one the file's maps accept, or a number where it reads one. */
function dataField(d: CustomerDataField, text: string): Parsed<string | null> {
  if (!d.values.length) return decimalField(text, { required: true, min: 0, max: 10_000_000 });
  return d.values.includes(text)
    ? { value: text, error: null }
    : { value: null, error: { key: 'calculators:errors.required' } };
}
