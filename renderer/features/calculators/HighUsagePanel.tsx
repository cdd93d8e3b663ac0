import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceOrderType } from '../../../shared/cis';
import { Dec } from '../../../shared/money';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { useUsagePeriods } from '../account/usage-periods';
import type { AccountContext } from './context';
import { ActionError, CommandStatus, PanelFrame } from './kit';
import { OrderBooked } from './order-result';

const ACTIONS: ServiceOrderType[] = ['reread', 'meter-test', 'leak-investigation'];

/**
 * Why is this bill high: this period against the same period last year and the 12-month
 * average, the estimated reads, the leak flag; a reread, a meter test or a leak investigation in
 * one click, and the leak credit panel from here.
 */
export function HighUsagePanel({ ctx }: { ctx: AccountContext }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const detail = ctx.detail!;
  const periods = useUsagePeriods(detail, ctx.utility);
  const submit = useAppStore((s) => s.submitCommand);
  const openPanel = useAppStore((s) => s.openPanel);
  const [sent, setSent] = useState<Partial<Record<ServiceOrderType, number>>>({});
  const unit = f.unit(ctx.utility?.unit ?? '');
  const last = periods.at(-1);
  if (!last) return <p className="muted">{t('usage.noHistory')}</p>;
  const { c, cmp } = last;
  const average = cmp.twelveMonthAverage
    ? new Dec(cmp.twelveMonthAverage.dailyUse).times(c.days).toDecimalPlaces(3).toString()
    : null;
  const estimated = detail.reads.filter((r) => r.kind === 'estimated' && r.status === 'posted');
  const open = (type: ServiceOrderType) =>
    detail.serviceOrders.find(
      (o) => o.type === type && (o.status === 'open' || o.status === 'scheduled'),
    );
  const request = async (type: ServiceOrderType) => {
    const item = await submit({
      type: 'requestServiceOrder',
      accountNumber: ctx.header.number,
      orderType: type,
      notes: t('usage.orderNote', {
        usage: f.number(c.usage.toString(), 3),
        unit,
        from: f.date(c.from),
        to: f.date(c.to),
        average: average ? f.number(average, 3) : '—',
      }),
    });
    if (item) setSent((s) => ({ ...s, [type]: item.seq }));
  };
  const ratio = (r: string | null) => (r ? t('usage.times', { ratio: f.number(r, 2) }) : '—');

  return (
    <PanelFrame
      title={t('panels.high-usage.title')}
      intro={t('usage.intro', { from: f.date(c.from), to: f.date(c.to), days: c.days })}
    >
      <table className="data compare">
        <caption>{t('usage.compare')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('usage.period')}</th>
            <th scope="col" className="num">
              {t('usage.use', { unit })}
            </th>
            <th scope="col" className="num">
              {t('usage.ratio')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('usage.thisPeriod')}</th>
            <td className="num">{f.number(cmp.thisPeriod.usage, 3)}</td>
            <td className="num">—</td>
          </tr>
          <tr>
            <th scope="row">{t('usage.lastYear')}</th>
            <td className="num">{cmp.sameLastYear ? f.number(cmp.sameLastYear.usage, 3) : '—'}</td>
            <td className="num">{ratio(cmp.ratioToLastYear)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t('usage.average', { periods: cmp.twelveMonthAverage?.periods ?? 0 })}
            </th>
            <td className="num">{average ? f.number(average, 3) : '—'}</td>
            <td className="num">{ratio(cmp.ratioToAverage)}</td>
          </tr>
        </tbody>
      </table>
      <ul className="flags">
        {cmp.flags.length === 0 && <li>{t('usage.noFlags')}</li>}
        {cmp.flags.map((flag) => (
          <li key={flag} className={flag === 'probable-leak' || flag === 'high' ? 'warn' : ''}>
            <strong>{t(`account:usage.flags.${flag}`)}</strong>
            {': '}
            {t(`usage.explain.${flag}`, {
              high: ctx.utility?.usageThresholds.highRatio ?? '1.5',
              leak: ctx.utility?.usageThresholds.leakRatio ?? '2',
              low: ctx.utility?.usageThresholds.lowRatio ?? '0.5',
            })}
          </li>
        ))}
      </ul>
      <h4>{t('usage.estimatedReads', { count: estimated.length })}</h4>
      {estimated.length > 0 && (
        <ul>
          {estimated.map((r) => (
            <li key={r.id}>
              {t('usage.estimatedRead', { date: f.date(r.date), value: f.number(r.value, 3) })}
            </li>
          ))}
        </ul>
      )}
      <div className="panel-actions">
        {ACTIONS.map((type) => {
          const existing = open(type);
          return (
            <button
              key={type}
              type="button"
              disabled={sent[type] !== undefined || !!existing}
              onClick={() => void request(type)}
            >
              {t(`usage.request.${type}`)}
            </button>
          );
        })}
        <button type="button" onClick={() => openPanel('adjustment', { kind: 'leak' })}>
          {t('usage.leakCredit')}
        </button>
      </div>
      <ActionError />
      {ACTIONS.map((type) => {
        const existing = open(type);
        if (sent[type] !== undefined)
          return (
            <CommandStatus
              key={type}
              seq={sent[type]!}
              type="requestServiceOrder"
              applied={(r) => <OrderBooked order={r} labelKey={`usage.booked.${type}`} />}
            />
          );
        return existing ? (
          <p key={type} className="muted">
            {t('usage.alreadyOpen', {
              type: t(`account:orders.types.${type}`),
              when: existing.windowStart
                ? f.dateTime(existing.windowStart, ctx.utility?.timeZone)
                : '—',
            })}
          </p>
        ) : null;
      })}
    </PanelFrame>
  );
}
