import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { readableCode } from '../../../shared/i18n';
import { type IntervalMinutes, intervalLengths } from '../../../shared/metrics/intervals';
import { useAppStore } from '../../store';
import { useBoardFormat } from './format';
import { HeaderRow } from './HeaderRow';

export default function IntervalReports() {
  const { t } = useTranslation('board');
  const f = useBoardFormat();
  const request = useAppStore((s) => s.reportRequest);
  const setRequest = useAppStore((s) => s.setReportRequest);
  const load = useAppStore((s) => s.loadReport);
  const exportCsv = useAppStore((s) => s.exportReport);
  const data = useAppStore((s) => s.report);
  const loading = useAppStore((s) => s.reportLoading);
  const error = useAppStore((s) => s.reportError);
  const [hideEmpty, setHideEmpty] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
  const [backwards, setBackwards] = useState(false);
  const ids = { from: useId(), to: useId(), minutes: useId(), by: useId(), caption: useId() };

  useEffect(() => {
    if (!useAppStore.getState().report) void useAppStore.getState().loadReport();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const wrong = request.to < request.from;
    setBackwards(wrong);
    if (!wrong) void load();
  };
  const none = t('queues.none');
  // A queue is named in the screen's language; the server's names (in the report's language)
  // are for agents and for a queue this desk does not know.
  const name = (group: string) =>
    data?.report.by === 'agent'
      ? (data.names[group] ?? group)
      : t(`queues.names.${group}`, { defaultValue: data?.names[group] ?? readableCode(group) });
  const rows = useMemo(
    () =>
      data ? data.report.rows.filter((r) => !hideEmpty || r.offered > 0 || r.answered > 0) : [],
    [data, hideEmpty],
  );
  const chart = data?.report.overall ?? [];
  const report = data?.report;
  // One clock for the table and the chart: the interval's start through Intl, in the screen's
  // language, on the report's time zone (the hub's), with the day when the range has several.
  const oneDay = report?.from === report?.to;
  const when = (r: { date: string; start: number }) =>
    oneDay
      ? f.time(r.start, report?.timeZone)
      : `${f.date(r.date)} ${f.time(r.start, report?.timeZone)}`;
  // By agent, offered and abandoned are the queues' figures, not the agents'.
  const queueOnly = (value: string) => (report?.by === 'agent' ? none : value);

  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('report.title')}</h1>
      <form className="report-controls" onSubmit={submit}>
        <label htmlFor={ids.from}>{t('report.from')}</label>
        <input
          id={ids.from}
          type="date"
          required
          value={request.from}
          onChange={(e) => setRequest({ from: e.target.value })}
        />
        <label htmlFor={ids.to}>{t('report.to')}</label>
        <input
          id={ids.to}
          type="date"
          required
          value={request.to}
          aria-invalid={backwards}
          aria-describedby={backwards ? `${ids.to}-error` : undefined}
          onChange={(e) => setRequest({ to: e.target.value })}
        />
        <label htmlFor={ids.minutes}>{t('report.interval')}</label>
        <select
          id={ids.minutes}
          value={request.minutes}
          onChange={(e) => setRequest({ minutes: Number(e.target.value) as IntervalMinutes })}
        >
          {intervalLengths.map((m) => (
            <option key={m} value={m}>
              {t('report.minutes', { count: m })}
            </option>
          ))}
        </select>
        <label htmlFor={ids.by}>{t('report.by')}</label>
        <select
          id={ids.by}
          value={request.by}
          onChange={(e) => setRequest({ by: e.target.value as 'queue' | 'agent' })}
        >
          <option value="queue">{t('report.byQueue')}</option>
          <option value="agent">{t('report.byAgent')}</option>
        </select>
        <button type="submit" className="primary" disabled={loading}>
          {t('report.show')}
        </button>
        <button
          type="button"
          onClick={async () => {
            const file = await exportCsv(f.locale);
            setSaved(file);
          }}
        >
          {t('report.export')}
        </button>
        <label>
          <input
            type="checkbox"
            checked={hideEmpty}
            onChange={(e) => setHideEmpty(e.target.checked)}
          />{' '}
          {t('report.hideEmpty')}
        </label>
        <span aria-live="polite" className="muted">
          {loading ? t('report.loading') : saved ? t('report.exported', { file: saved }) : ''}
        </span>
      </form>
      {backwards && (
        <p id={`${ids.to}-error`} className="error" role="alert">
          {t('report.rangeBackwards')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {report && (
        <>
          {report.by === 'agent' && <p className="small muted">{t('report.agentNote')}</p>}
          <figure className="report-chart">
            <figcaption>{t('report.chartTitle')}</figcaption>
            <ResponsiveContainer width="100%" height={200}>
              <ComposedChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="start"
                  tickFormatter={(start) => when(chart.find((r) => r.start === start) ?? chart[0])}
                  tick={{ fontSize: 11 }}
                  interval="preserveStartEnd"
                />
                <YAxis yAxisId="calls" tick={{ fontSize: 11 }} width={36} allowDecimals={false} />
                <YAxis
                  yAxisId="sl"
                  orientation="right"
                  domain={[0, 1]}
                  tickFormatter={(v) => f.percent(Number(v), '')}
                  tick={{ fontSize: 11 }}
                  width={44}
                />
                <Tooltip />
                <Legend />
                {/* Abandoned on top of answered: a bar's height is what was offered. */}
                {(
                  [
                    ['answered', '#0b5cad'],
                    ['abandoned', '#b3261e'],
                  ] as const
                ).map(([key, fill]) => (
                  <Bar
                    key={key}
                    yAxisId="calls"
                    stackId="offered"
                    dataKey={key}
                    name={t(`report.columns.${key}`)}
                    fill={fill}
                    isAnimationActive={false}
                  />
                ))}
                <Line
                  yAxisId="sl"
                  dataKey="serviceLevel"
                  name={t('report.columns.serviceLevel')}
                  stroke="#16703a"
                  strokeDasharray="5 3"
                  dot={{ r: 2 }}
                  connectNulls
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          {/* Named by its caption: a second region named like the page's would be ambiguous. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table is reached and scrolled with the keyboard */}
          <section className="report-table" tabIndex={0} aria-labelledby={ids.caption}>
            <table className="data">
              <caption id={ids.caption}>
                {oneDay
                  ? t('report.caption', {
                      date: f.date(report.from, 'long'),
                      minutes: report.minutes,
                      by: report.by === 'queue' ? t('report.byQueue') : t('report.byAgent'),
                    })
                  : t('report.captionRange', {
                      from: f.date(report.from, 'long'),
                      to: f.date(report.to, 'long'),
                      minutes: report.minutes,
                      by: report.by === 'queue' ? t('report.byQueue') : t('report.byAgent'),
                    })}
              </caption>
              <thead>
                <HeaderRow
                  columns={[
                    ['interval', t('report.columns.interval')],
                    ['group', t('report.columns.group')],
                    ['offered', t('report.columns.offered'), 'num'],
                    ['answered', t('report.columns.answered'), 'num'],
                    ['abandoned', t('report.columns.abandoned'), 'num'],
                    ['sl', t('report.columns.serviceLevel'), 'num'],
                    ['asa', t('report.columns.asaClock'), 'num'],
                    ['aht', t('report.columns.ahtClock'), 'num'],
                    ['rate', t('report.columns.abandonRate'), 'num'],
                    ['handled', t('report.columns.handled'), 'num'],
                  ]}
                />
              </thead>
              <tbody>
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={10} className="muted">
                      {t('report.empty')}
                    </td>
                  </tr>
                )}
                {[...rows, ...report.totals].map((r) => (
                  <tr key={`${r.label}-${r.group}`} className={r.label ? '' : 'total'}>
                    <th scope="row">
                      {r.label ? when(r) : oneDay ? t('report.total') : t('report.totalRange')}
                    </th>
                    <td>{name(r.group)}</td>
                    <td className="num">{queueOnly(f.number(r.offered, 0))}</td>
                    <td className="num">{f.number(r.answered, 0)}</td>
                    <td className="num">{queueOnly(f.number(r.abandoned, 0))}</td>
                    <td className="num">{f.percent(r.serviceLevel, none)}</td>
                    <td className="num">{f.seconds(r.asaMs, none)}</td>
                    <td className="num">{f.seconds(r.ahtMs, none)}</td>
                    <td className="num">{queueOnly(f.percent(r.abandonRate, none))}</td>
                    <td className="num">{f.number(r.handled, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
