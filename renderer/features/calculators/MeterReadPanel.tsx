import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readTroubleCodes } from '../../../shared/cis/commands/reads';
import {
  isRegister,
  type ReadFinding,
  registerPlaces,
  validateRead,
} from '../../../shared/usage/validate-read';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { dateField, decimalField } from './fields';
import {
  ActionError,
  CommandStatus,
  InputField,
  PanelFrame,
  type PanelProps,
  SelectField,
  TextAreaField,
} from './kit';
import { prefillChoice, prefillText } from './prefill';

const DEFAULT_WINDOW = { highRatio: '1.5', lowRatio: '0.5' };

/** A finding of the read's check, in the agent's words. */
function FindingText({ finding, unit }: { finding: ReadFinding; unit: string }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const n = (v: string | number) => f.number(String(v), 3);
  switch (finding.code) {
    case 'high':
    case 'low':
      return (
        <>
          {t(`reads.finding.${finding.code}`, {
            usage: n(finding.usage),
            expected: n(finding.expected),
            limit: n(finding.limit),
            unit,
          })}
        </>
      );
    case 'lower-than-last':
      return (
        <>
          {t(
            `reads.finding.lower-than-last.${finding.rolloverLikely === null ? 'unknown' : finding.rolloverLikely ? 'rollover' : 'misread'}`,
            { last: n(finding.last), usage: n(finding.usageIfRollover), unit },
          )}
        </>
      );
    case 'not-after-last':
      return <>{t('reads.finding.not-after-last', { date: f.date(finding.lastDate) })}</>;
    case 'before-installed':
      return <>{t('reads.finding.before-installed', { date: f.date(finding.installedOn) })}</>;
    case 'exceeds-dials':
      return <>{t('reads.finding.exceeds-dials', { dials: finding.dials })}</>;
    default:
      return <>{t(`reads.finding.${finding.code}`)}</>;
  }
}

/**
 * A meter read typed at the desk (a customer's own read on the phone, a reader's at the counter):
 * checked as it is typed with the same function the central system applies (shared/usage
 * validateRead), so the agent sees the use, the use expected and why a read needs a reason before
 * sending it. Without a reason such a read waits for a lead's review; an estimate posts by the
 * method the usage analysis names. The meter's reads below, with where each came from.
 */
export function MeterReadPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const meters = detail.meters;
  const [meterId, setMeterId] = useState(
    prefillChoice(
      prefill,
      'meterId',
      meters.map((m) => m.id),
      meters[0]?.id ?? '',
    ),
  );
  const [date, setDate] = useState(prefillText(prefill, 'date') || ctx.today.toString());
  const [value, setValue] = useState(prefillText(prefill, 'value'));
  const [kind, setKind] = useState<'actual' | 'customer'>(
    prefillChoice(prefill, 'kind', ['actual', 'customer'] as const, 'customer'),
  );
  const [trouble, setTrouble] = useState('');
  const [reason, setReason] = useState('');
  const [seq, setSeq] = useState<number | null>(null);
  const [estimateSeq, setEstimateSeq] = useState<number | null>(null);
  const meter = meters.find((m) => m.id === meterId);
  if (!meter) return <p className="muted">{t('reads.noMeter')}</p>;
  const unit = f.unit(ctx.utility?.unit ?? '');
  const reads = detail.reads.filter((r) => r.meterId === meter.id);
  const posted = reads.filter((r) => r.status === 'posted');
  const day = dateField(date);
  const places = registerPlaces(posted);
  const typed = decimalField(value, {
    required: true,
    min: 0,
    max: 10 ** meter.dials - 10 ** -places,
  });
  const register: { value: number | null; error: typeof typed.error } =
    typed.value !== null && !isRegister(Number(typed.value))
      ? { value: null, error: { key: 'calculators:reads.decimals' } }
      : { value: typed.value === null ? null : Number(typed.value), error: typed.error };
  const future = !!day.value && day.value > ctx.today.toString();
  const check =
    day.value && register.value !== null
      ? validateRead(
          meter,
          posted,
          { date: day.value, value: register.value, kind },
          {
            today: ctx.today.toString(),
            occupied: ctx.header.status === 'active' && !detail.premise.vacant,
            window: ctx.utility?.usageThresholds ?? DEFAULT_WINDOW,
          },
        )
      : null;
  const why = reason.trim();
  const toReview = !!check?.needsReason && why.length < 3;

  const post = async () => {
    if (!check?.acceptable || register.value === null || !day.value) return;
    const item = await submit({
      type: 'enterRead',
      accountNumber: ctx.header.number,
      meterId: meter.id,
      date: day.value,
      value: register.value,
      kind,
      source: 'desk',
      reader: null,
      troubleCode: (trouble || null) as never,
      reason: why.length >= 3 ? why : null,
    });
    if (item) setSeq(item.seq);
  };
  const estimate = async () => {
    if (!day.value) return;
    const item = await submit({
      type: 'postEstimatedRead',
      accountNumber: ctx.header.number,
      meterId: meter.id,
      date: day.value,
    });
    if (item) setEstimateSeq(item.seq);
  };

  return (
    <PanelFrame title={t('panels.meter-read.title')} intro={t('reads.intro')}>
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          {meters.length > 1 && (
            <SelectField label={t('reads.meter')} value={meter.id} onChange={setMeterId}>
              {meters.map((m) => (
                <option key={m.id} value={m.id}>
                  {t('reads.meterOption', { id: m.id, size: m.size })}
                </option>
              ))}
            </SelectField>
          )}
          <InputField
            label={t('reads.date')}
            type="date"
            value={date}
            error={day.error ?? (future ? { key: 'calculators:reads.finding.in-future' } : null)}
            onChange={setDate}
          />
          <InputField
            label={t('reads.register')}
            hint={t('reads.registerHint', { dials: meter.dials })}
            inputMode="decimal"
            value={value}
            error={value ? register.error : null}
            onChange={setValue}
          />
          <SelectField
            label={t('reads.kind')}
            value={kind}
            onChange={(v) => setKind(v as 'actual' | 'customer')}
          >
            <option value="customer">{t('reads.kinds.customer')}</option>
            <option value="actual">{t('reads.kinds.actual')}</option>
          </SelectField>
          <SelectField label={t('reads.trouble')} value={trouble} onChange={setTrouble}>
            <option value="">{t('reads.noTrouble')}</option>
            {readTroubleCodes.map((c) => (
              <option key={c} value={c}>
                {t(`reads.troubles.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t('reads.reason')}
            hint={t('reads.reasonHint')}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={setReason}
          />
        </form>
        <div className="panel-result" aria-live="polite">
          {check?.usage && (
            <p className="big">{t('reads.usage', { usage: f.number(check.usage, 3), unit })}</p>
          )}
          {check?.expected && (
            <p>
              {t(`reads.expected.${check.expected.method}`, {
                usage: f.number(check.expected.usage.toDecimalPlaces(3).toString(), 3),
                unit,
              })}
            </p>
          )}
          {check && check.findings.length > 0 && (
            <ul className="findings">
              {check.findings.map((finding) => (
                <li key={finding.code} className={finding.severity === 'refused' ? 'error' : ''}>
                  <FindingText finding={finding} unit={unit} />
                </li>
              ))}
            </ul>
          )}
          {check?.acceptable && toReview && <p className="notice">{t('reads.toReview')}</p>}
        </div>
      </div>
      <div className="panel-actions">
        <button
          type="button"
          className="primary"
          disabled={!check?.acceptable || seq !== null}
          onClick={() => void post()}
        >
          {toReview ? t('reads.sendToReview') : t('reads.post')}
        </button>
        <button
          type="button"
          disabled={!day.value || !!future || posted.length === 0 || estimateSeq !== null}
          onClick={() => void estimate()}
        >
          {t('reads.estimate')}
        </button>
        <ActionError />
        {seq !== null && (
          <CommandStatus
            seq={seq}
            type="enterRead"
            applied={(r) => <p>{t(`reads.applied.${r.status}`)}</p>}
          />
        )}
        {estimateSeq !== null && (
          <CommandStatus
            seq={estimateSeq}
            type="postEstimatedRead"
            applied={(r) => (
              <p>
                {t('reads.estimated', {
                  value: r.value,
                  usage: f.number(r.usage, 3),
                  unit,
                  method: t(`reads.methods.${r.method}`),
                })}
              </p>
            )}
          />
        )}
      </div>
      <h4>{t('reads.history')}</h4>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('reads.date')}</th>
            <th scope="col">{t('reads.register')}</th>
            <th scope="col">{t('reads.kind')}</th>
            <th scope="col">{t('reads.source')}</th>
            <th scope="col">{t('reads.status')}</th>
            <th scope="col">{t('reads.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {[...reads]
            .reverse()
            .slice(0, 13)
            .map((r) => (
              <tr key={r.id}>
                <td>{f.date(r.date)}</td>
                <td className="num">{r.value}</td>
                <td>{t(`reads.kinds.${r.kind}`)}</td>
                <td>{t(`reads.sources.${r.source}`)}</td>
                <td>{t(`reads.statuses.${r.status}`)}</td>
                <td>
                  {[
                    ...r.findings.map((c) => t(`reads.findingShort.${c}`)),
                    r.method ? t(`reads.methods.${r.method}`) : '',
                    r.reason ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </PanelFrame>
  );
}
