import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import type { AgentRow } from '../../../shared/metrics/board';
import type { TeamSettings } from '../../../shared/telephony/types';
import { agentStates } from '../../../shared/telephony/types';
import { useAppStore } from '../../store';
import { type AgentSortColumn, filterAgentRows, sortAgentRows } from './agent-rows';
import { ChangeStateDialog } from './ChangeStateDialog';
import { useBoardFormat } from './format';

export const AGENT_FILTER_ID = 'board-agent-filter';
/**
 * Column widths (table-layout: fixed), each wide enough for its longest heading word in English
 * and Spanish: name, state and alert share what is left.
 */
const COLUMNS = [
  '13%',
  '5.6rem', // the team's name: Atención A
  '12%',
  '5rem',
  '6.6rem',
  '5rem',
  '6.6rem',
  '4.8rem',
  '5.4rem',
  '15%',
  '5rem',
];
/** A row of one line; a row whose state or alert wraps is measured as drawn. */
const ROW_HEIGHT = 20;

/**
 * Every agent on the floor, live: state and time in it, the current call's talk time against the
 * goal, calls handled and averages, languages, occupancy, alerts; sortable by any column,
 * filtered by team, state and language. Only the rows in view are drawn (a floor of a thousand
 * agents scrolls as lightly as ten).
 */
export function AgentTable({ rows, goals }: { rows: AgentRow[]; goals: TeamSettings['goals'] }) {
  const { t } = useTranslation('board');
  const { t: ts } = useTranslation('softphone');
  const f = useBoardFormat();
  const filter = useAppStore((s) => s.agentFilter);
  const setFilter = useAppStore((s) => s.setAgentFilter);
  const sort = useAppStore((s) => s.agentSort);
  const sortBy = useAppStore((s) => s.sortAgents);
  const [changing, setChanging] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const ids = { team: useId(), state: useId(), language: useId() };

  const teams = useMemo(() => [...new Set(rows.map((r) => r.team))].sort(), [rows]);
  const shown = useMemo(
    () => sortAgentRows(filterAgentRows(rows, filter), sort.column, sort.descending),
    [rows, filter, sort],
  );
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const none = t('queues.none');
  const items = virtual.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;

  const header = (column: AgentSortColumn | null, label: string, className = '') => {
    if (!column)
      return (
        <th scope="col" className={className}>
          {label}
        </th>
      );
    const active = sort.column === column;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort"
          onClick={() => sortBy(column)}
          title={t('agents.sortBy', { column: label })}
        >
          {label}
          {active && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
        </button>
      </th>
    );
  };
  const changingRow = shown.find((r) => r.id === changing) ?? rows.find((r) => r.id === changing);

  return (
    <section className="board-agents" aria-labelledby={titleId}>
      <div className="agents-head">
        <h2 id={titleId}>{t('agents.title')}</h2>
        <span className="muted" aria-live="polite">
          {t('agents.count', { count: shown.length, total: rows.length })}
        </span>
        <fieldset className="filters">
          <legend className="visually-hidden">{t('filters.label')}</legend>
          <label>
            {t('filters.search')}{' '}
            <input
              id={AGENT_FILTER_ID}
              type="search"
              value={filter.text}
              onChange={(e) => setFilter({ text: e.target.value })}
            />
          </label>
          <label htmlFor={ids.team}>{t('filters.team')}</label>
          <select
            id={ids.team}
            value={filter.team}
            onChange={(e) => setFilter({ team: e.target.value })}
          >
            <option value="">{t('filters.all')}</option>
            {teams.map((team) => (
              <option key={team} value={team}>
                {t(`teams.names.${team}`, { defaultValue: readableCode(team) })}
              </option>
            ))}
          </select>
          <label htmlFor={ids.state}>{t('filters.state')}</label>
          <select
            id={ids.state}
            value={filter.state}
            onChange={(e) => setFilter({ state: e.target.value })}
          >
            <option value="">{t('filters.all')}</option>
            {agentStates.map((s) => (
              <option key={s} value={s}>
                {ts(`states.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor={ids.language}>{t('filters.language')}</label>
          <select
            id={ids.language}
            value={filter.language}
            onChange={(e) => setFilter({ language: e.target.value as '' | 'en' | 'es' })}
          >
            <option value="">{t('filters.all')}</option>
            <option value="en">{t('languages.en')}</option>
            <option value="es">{t('languages.es')}</option>
          </select>
          <label>
            <input
              type="checkbox"
              checked={filter.alertsOnly}
              onChange={(e) => setFilter({ alertsOnly: e.target.checked })}
            />{' '}
            {t('filters.alertsOnly')}
          </label>
        </fieldset>
      </div>
      {shown.length === 0 && <p className="muted">{t('agents.noMatch')}</p>}
      <div className="agent-scroll" ref={scroller}>
        {/* Padding above and below the rows drawn keeps the scroll height of the whole list. */}
        <div style={{ paddingTop: before, paddingBottom: after }}>
          <table className="agent-table" aria-labelledby={titleId} aria-rowcount={shown.length + 1}>
            <colgroup>
              {COLUMNS.map((width, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed and never reorder
                <col key={i} style={{ width }} />
              ))}
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {header('name', t('agents.name'))}
                {header('team', t('agents.team'))}
                {header('state', t('agents.state'))}
                {header('stateSeconds', t('agents.time'), 'num')}
                {header(
                  'talkSeconds',
                  t('agents.talk', { goal: f.duration(goals.talkSeconds) }),
                  'num',
                )}
                {header('handled', t('agents.handled'), 'num')}
                {header('avgTalkSeconds', t('agents.avgTalkWrap'), 'num')}
                {header(null, t('agents.languages'))}
                {header('occupancy', t('agents.occupancy'), 'num')}
                {header(null, t('agents.alert'))}
                {header(null, t('agents.change'), 'visually-hidden-text')}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const r = shown[item.index];
                const alert = r.alerts[0];
                const alertText = alert
                  ? t(`agents.alertText.${alert.kind}`, {
                      state: ts(`states.${alert.state}`),
                      limit: f.duration(alert.limitSeconds),
                    })
                  : undefined;
                return (
                  <tr
                    key={r.id}
                    data-index={item.index}
                    ref={virtual.measureElement}
                    aria-rowindex={item.index + 2}
                    className={r.alerts.length ? 'has-alert' : ''}
                  >
                    <th scope="row" className="name">
                      {r.name}
                    </th>
                    <td>{t(`teams.names.${r.team}`, { defaultValue: readableCode(r.team) })}</td>
                    <td className={`state state-${r.state}`} title={ts(`states.${r.state}`)}>
                      {ts(`states.${r.state}`)}
                      {r.reasonCode && (
                        <span className="small muted">
                          {' '}
                          ·{' '}
                          {ts(`reasonCodes.${r.reasonCode}`, {
                            defaultValue: readableCode(r.reasonCode),
                          })}
                        </span>
                      )}
                      {r.pending && (
                        <span className="small pending">
                          {' '}
                          (
                          {t('agents.pending', {
                            state: ts(`states.${r.pending.state}`),
                            by: r.pending.byName,
                          })}
                          )
                        </span>
                      )}
                    </td>
                    <td className="num">{f.duration(r.stateSeconds)}</td>
                    <td className={`num talk-${r.talkLevel ?? 'none'}`}>
                      {r.talkSeconds === null ? none : f.duration(r.talkSeconds)}
                      {/* Over the goal: the sign here, the words in the alert column. */}
                      {r.talkLevel === 'over' && (
                        <span className="small">
                          {' '}
                          <span aria-hidden="true" title={t('agents.overGoal')}>
                            ⚠
                          </span>
                          <span className="visually-hidden">{t('agents.overGoal')}</span>
                        </span>
                      )}
                      {r.talkLevel === 'warning' && (
                        <span className="small"> {t('agents.nearGoal')}</span>
                      )}
                    </td>
                    <td className="num">{f.number(r.handled, 0)}</td>
                    <td className="num">
                      {r.avgTalkSeconds === null
                        ? none
                        : `${f.duration(r.avgTalkSeconds)} / ${f.duration(r.avgWrapUpSeconds ?? 0)}`}
                    </td>
                    <td>
                      <abbr title={r.languages.map((l) => t(`languages.${l}`)).join(', ')}>
                        {r.languages.map((l) => t(`languages.code.${l}`)).join(' · ')}
                      </abbr>
                    </td>
                    <td className="num">{f.percent(r.occupancy, none)}</td>
                    <td className="alert-cell" title={alertText}>
                      {/* The short form fits the column; the words are the cell's text. */}
                      {alert && (
                        <>
                          <span aria-hidden="true">
                            ⚠{' '}
                            {t(`agents.alertShort.${alert.kind}`, {
                              state: ts(`states.${alert.state}`),
                              limit: f.duration(alert.limitSeconds),
                            })}
                          </span>
                          <span className="visually-hidden">{alertText}</span>
                        </>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => setChanging(r.id)}
                        aria-label={t('agents.changeFor', { name: r.name })}
                      >
                        {t('agents.changeShort')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      {changingRow && <ChangeStateDialog agent={changingRow} onClose={() => setChanging(null)} />}
    </section>
  );
}
