import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UsageFlag } from '../../../shared/usage/analysis';
import { useAppStore } from '../../store';
import { useFormat } from './format';
import { useUsagePeriods } from './usage-periods';

/** Short marks drawn on the bars, so a flag never depends on colour alone. */
const MARK: Record<UsageFlag, string> = {
  high: '▲',
  low: '▼',
  zero: '0',
  estimated: 'E',
  'probable-leak': '!',
  'vacant-use': 'V',
};

export default function UsageSection() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const view = useAppStore((s) => s.view)!;
  const detail = view.detail!;
  const profile = view.utility;

  const periods = useUsagePeriods(detail, profile);

  if (periods.length === 0) return <p className="muted">{t('usage.noHistory')}</p>;
  const unit = f.unit(profile?.unit ?? '');
  const data = periods.map(({ c, cmp }) => ({
    label: f.date(c.to),
    usage: c.usage.toNumber(),
    flags: cmp.flags,
    mark: cmp.flags.map((fl) => MARK[fl]).join(''),
  }));
  const last = periods[periods.length - 1].cmp;

  return (
    <div className="usage">
      <h3>{t('usage.title')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('usage.thisPeriod')}</dt>
          <dd>
            {f.number(last.thisPeriod.usage)} {unit}
          </dd>
        </div>
        <div>
          <dt>{t('usage.lastYear')}</dt>
          <dd>{last.sameLastYear ? `${f.number(last.sameLastYear.usage)} ${unit}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('usage.average')}</dt>
          <dd>
            {last.twelveMonthAverage
              ? `${f.number(last.twelveMonthAverage.dailyUse, 3)} ${unit}`
              : '—'}
          </dd>
        </div>
      </dl>
      <figure aria-label={t('usage.chart')}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 18, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} width={40} />
            <Tooltip formatter={(v) => `${f.number(Number(v))} ${unit}`} />
            <Bar dataKey="usage" isAnimationActive={false}>
              {data.map((d) => (
                <Cell
                  key={d.label}
                  fill={
                    d.flags.includes('probable-leak') || d.flags.includes('high')
                      ? '#b3261e'
                      : d.flags.includes('estimated')
                        ? '#8a5a00'
                        : '#0b5cad'
                  }
                  fillOpacity={d.flags.includes('estimated') ? 0.55 : 1}
                />
              ))}
              <LabelList dataKey="mark" position="top" fontSize={12} fill="#1b1f24" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="legend">
          {(Object.keys(MARK) as UsageFlag[]).map((flag) => (
            <span key={flag}>
              <b>{MARK[flag]}</b> {t(`usage.flags.${flag}`)}
            </span>
          ))}
        </figcaption>
      </figure>
      <table className="data">
        <caption>{t('usage.table')}</caption>
        <tbody>
          {[...periods].reverse().map(({ c, cmp }) => (
            <tr key={c.to}>
              <td>
                {f.date(c.from)} – {f.date(c.to)}
              </td>
              <td className="num">
                {f.number(c.usage.toString())} {unit}
              </td>
              <td>{cmp.flags.map((fl) => t(`usage.flags.${fl}`)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
