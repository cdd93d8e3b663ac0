import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programText, screenHousehold } from '../../../shared/assistance/screening';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { dollarsField, firstError, wholeField } from './fields';
import {
  ActionError,
  Citation,
  CommandStatus,
  copyText,
  InputField,
  PanelFrame,
  type PanelProps,
  SelectField,
} from './kit';
import { prefillDollars, prefillFlag, prefillText } from './prefill';

const HEADLINE = {
  rounded: 'assistance.percent',
  justAbove: 'assistance.percentJustAbove',
  justUnder: 'assistance.percentJustUnder',
} as const;

/**
 * Assistance: the household's size and income against the poverty guideline in force, each
 * program of the utility it qualifies for (and why, or why not), enrolment as a command, and the
 * referral text in English and Spanish to read or send.
 */
export function AssistancePanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const remember = useAppStore((s) => s.rememberHousehold);
  const [size, setSize] = useState(prefillText(prefill, 'household'));
  const [income, setIncome] = useState(prefillDollars(prefill, 'income'));
  const [period, setPeriod] = useState<'year' | 'month'>('year');
  const [senior, setSenior] = useState<'yes' | 'no' | 'unknown'>(
    prefill.senior === undefined ? 'unknown' : prefillFlag(prefill, 'senior') ? 'yes' : 'no',
  );
  const [sent, setSent] = useState<Record<string, number>>({});
  const [copied, setCopied] = useState<string | null>(null);
  const sizeField = wholeField(size, { required: true, min: 1, max: 30 });
  const incomeField = dollarsField(income, { required: true });
  const annual =
    incomeField.value === null
      ? null
      : period === 'month'
        ? incomeField.value * 12
        : incomeField.value;
  const error = firstError(sizeField, incomeField);

  const result =
    error || annual === null
      ? null
      : screenHousehold(
          policy,
          {
            householdSize: sizeField.value!,
            annualIncomeCents: annual,
            ...(senior === 'unknown' ? {} : { senior: senior === 'yes' }),
          },
          today,
        );
  // The arrangement panel reuses the household screened on this call.
  const screenedSize = result ? sizeField.value : null;
  useEffect(() => {
    if (screenedSize !== null && annual !== null)
      remember(header.number, { size: screenedSize, annualIncomeCents: annual });
  }, [header.number, screenedSize, annual, remember]);

  const enrolled = new Set(
    detail.enrollments.filter((e) => e.status === 'active').map((e) => e.program),
  );
  const enrol = async (program: string) => {
    if (annual === null) return;
    const item = await submit({
      type: 'enrollAssistance',
      accountNumber: header.number,
      program,
      household: { size: sizeField.value!, annualIncomeCents: annual },
      ...(senior === 'unknown' ? {} : { senior: senior === 'yes' }),
    });
    if (item) setSent((s) => ({ ...s, [program]: item.seq }));
  };

  return (
    <PanelFrame title={t('panels.assistance.title')} intro={t('assistance.intro')}>
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          <InputField
            label={t('assistance.household')}
            error={size ? sizeField.error : null}
            inputMode="numeric"
            value={size}
            onChange={setSize}
          />
          <InputField
            label={t('assistance.income')}
            error={income ? incomeField.error : null}
            inputMode="decimal"
            value={income}
            onChange={setIncome}
          />
          <SelectField
            label={t('assistance.period')}
            value={period}
            onChange={(v) => setPeriod(v as typeof period)}
          >
            <option value="year">{t('assistance.perYear')}</option>
            <option value="month">{t('assistance.perMonth')}</option>
          </SelectField>
          <SelectField
            label={t('assistance.senior')}
            value={senior}
            onChange={(v) => setSenior(v as typeof senior)}
          >
            <option value="unknown">{t('assistance.notAsked')}</option>
            <option value="yes">{t('assistance.yes')}</option>
            <option value="no">{t('assistance.no')}</option>
          </SelectField>
        </form>
        <div className="panel-result" aria-live="polite">
          {result && (
            <p className="big">
              {t(HEADLINE[result.percentShown.side], {
                percent: f.number(result.percentShown.percent, 1),
                year: result.guideline.year,
                line: f.money(result.guideline.lineCents),
                size: sizeField.value,
              })}
            </p>
          )}
          {result && <Citation citation={result.guideline.citation} block />}
          {result && result.programs.length === 0 && (
            <p className="muted">{t('collections:screening.noPrograms')}</p>
          )}
        </div>
      </div>
      {result?.programs.map((program) => {
        const screen = programText(program, f.locale);
        const referral = {
          en: programText(program, 'en').referral,
          es: programText(program, 'es').referral,
        };
        return (
          <section
            key={program.id}
            className={`program ${program.qualifies === true ? 'yes' : ''}`}
            aria-label={screen.name}
          >
            <h4>
              {screen.name}{' '}
              <span className={`badge ${program.qualifies === true ? 'info' : 'warn'}`}>
                {t(`assistance.qualifies.${String(program.qualifies)}`)}
              </span>
            </h4>
            <p>{screen.reason}</p>
            {program.qualifies !== false && <p>{screen.benefit}</p>}
            <Citation citation={program.citation} block />
            {program.qualifies === true && (
              <>
                <div className="referrals">
                  {(['en', 'es'] as const).map((l) => (
                    <figure key={l} lang={l}>
                      <figcaption>
                        {t('assistance.referral', {
                          language: t(`account:languageInSentence.${l}`),
                        })}
                      </figcaption>
                      <blockquote>{referral[l]}</blockquote>
                      <button
                        type="button"
                        onClick={() =>
                          void copyText(referral[l]).then((ok) =>
                            setCopied(ok ? `${program.id}-${l}` : null),
                          )
                        }
                      >
                        {t('assistance.copy', {
                          language: t(`account:languageInSentence.${l}`),
                        })}
                      </button>
                    </figure>
                  ))}
                </div>
                <span className="muted" role="status">
                  {copied?.startsWith(program.id) ? t('schedule.copied') : ''}
                </span>
                <div className="panel-actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={enrolled.has(program.id) || sent[program.id] !== undefined}
                    onClick={() => void enrol(program.id)}
                  >
                    {enrolled.has(program.id)
                      ? t('assistance.enrolled')
                      : t('assistance.enrol', { program: screen.name })}
                  </button>
                </div>
                {sent[program.id] !== undefined && (
                  <CommandStatus
                    seq={sent[program.id]}
                    type="enrollAssistance"
                    applied={() => <p>{t('assistance.done', { program: screen.name })}</p>}
                  />
                )}
              </>
            )}
          </section>
        );
      })}
      <ActionError />
    </PanelFrame>
  );
}
