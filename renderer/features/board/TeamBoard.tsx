import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import {
  type AgentRow,
  agentRows,
  languageCoverage,
  type QueueRow,
  queueRows,
  type TeamRow,
  teamRows,
} from '../../../shared/metrics/board';
import type { BoardSettings } from '../../../shared/metrics/settings';
import { useAppStore } from '../../store';
import { AgentTable } from './AgentTable';
import { ApprovalsSlot } from './ApprovalsSlot';
import { CasesByTeam } from './CasesByTeam';
import { useBoardFormat } from './format';
import { type Column, HeaderRow } from './HeaderRow';

/** The team lead's live board: queues, teams, Spanish coverage, alerts, agents, approvals. */
export default function TeamBoard() {
  const { t } = useTranslation('board');
  const f = useBoardFormat();
  const floor = useAppStore((s) => s.floor);
  const settings = useAppStore((s) => s.boardSettings);
  const now = useAppStore((s) => s.boardNow);
  const status = useAppStore((s) => s.hubStatus);
  const error = useAppStore((s) => s.boardError);
  const notice = useAppStore((s) => s.boardNotice);

  useEffect(() => {
    void useAppStore.getState().openBoard();
    return () => useAppStore.getState().closeBoard();
  }, []);

  const board = useMemo(() => {
    if (!floor || !settings) return null;
    const full: BoardSettings = { ...settings, queues: floor.queueSettings };
    return {
      queues: queueRows(floor, now),
      teams: teamRows(floor, now),
      agents: agentRows(floor, now, full),
      spanish: languageCoverage(floor, 'es', now),
    };
  }, [floor, settings, now]);

  const sharing =
    status.connection !== 'open'
      ? 'offline'
      : status.sharing === 'single'
        ? 'single'
        : status.sharing;
  return (
    <section className="board" aria-labelledby="board-title">
      <header className="board-head">
        <h1 id="board-title">{t('title')}</h1>
        <p className={`board-sharing ${sharing}`} role="status">
          {sharing === 'degraded' || sharing === 'offline' ? '⚠ ' : ''}
          {t(`sharing.${sharing}`)}
        </p>
        {board && <span className="muted">{t('updated', { time: f.time(now) })}</span>}
        <p className="board-notice" aria-live="polite">
          {notice ? `✓ ${t('change.sent', { name: notice.name })}` : ''}
        </p>
      </header>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {!board ? (
        <p className="muted">{t('connecting')}</p>
      ) : (
        <>
          <div className="board-main">
            <QueuesTable rows={board.queues} />
            <AgentTable rows={board.agents} goals={settings!.goals} />
          </div>
          <div className="board-side">
            <Coverage coverage={board.spanish} />
            <Alerts rows={board.agents} />
            <ApprovalsSlot />
            <CasesByTeam />
            <TeamsTable rows={board.teams} />
          </div>
        </>
      )}
    </section>
  );
}

/** ASA and AHT as the trade writes them, spelled out for a screen reader and on hover. */
function AsaAht({ which }: { which: 'asa' | 'aht' }) {
  const { t } = useTranslation('board');
  return which === 'asa' ? (
    <abbr title={t('queues.asa')}>{t('queues.asaShort')}</abbr>
  ) : (
    <abbr title={t('queues.aht')}>{t('queues.ahtShort')}</abbr>
  );
}

function QueuesTable({ rows }: { rows: QueueRow[] }) {
  const { t } = useTranslation('board');
  const f = useBoardFormat();
  const none = t('queues.none');
  return (
    <table className="data board-table">
      {/* Named for screen readers; on screen, the board's heading and its time say it. */}
      <caption className="visually-hidden">{t('queues.caption')}</caption>
      <thead>
        <HeaderRow
          columns={[
            ['queue', t('queues.queue')],
            ['waiting', t('queues.waiting'), 'num'],
            ['longest', t('queues.longestWait'), 'num'],
            ['sl', t('queues.serviceLevel')],
            ['asa', <AsaAht key="asa" which="asa" />, 'num'],
            ['aht', <AsaAht key="aht" which="aht" />, 'num'],
            ['abandoned', t('queues.abandonRate'), 'num'],
            ['offered', t('queues.offered'), 'num'],
            ['answered', t('queues.answered'), 'num'],
            ['available', t('queues.available'), 'num'],
            ['occupancy', t('queues.occupancy'), 'num'],
          ]}
        />
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={q.queue}>
            <th scope="row">
              {t(`queues.names.${q.queue}`, { defaultValue: readableCode(q.queue) })}
            </th>
            <td className="num">{f.number(q.waiting, 0)}</td>
            <td className="num">{f.seconds(q.longestWaitMs, none)}</td>
            <td className={`service-level ${q.belowTarget ? 'below-target' : ''}`}>
              <strong>{f.percent(q.serviceLevel, none)}</strong>{' '}
              {q.belowTarget ? (
                <span className="badge warn">
                  ⚠{' '}
                  {t('queues.belowTargetOf', {
                    target: q.targetPercent,
                    seconds: q.thresholdSeconds,
                  })}
                </span>
              ) : (
                <span className="small muted target">
                  {t('queues.target', { target: q.targetPercent, seconds: q.thresholdSeconds })}
                </span>
              )}
            </td>
            <td className="num">{f.seconds(q.asaMs, none)}</td>
            <td className="num">{f.seconds(q.ahtMs, none)}</td>
            <td className="num">
              {f.percent(q.abandonRate, none)} ({f.number(q.abandoned, 0)})
            </td>
            <td className="num">{f.number(q.offered, 0)}</td>
            <td className="num">{f.number(q.answered, 0)}</td>
            <td className="num">
              {f.number(q.agentsAvailable, 0)} / {f.number(q.agentsStaffed, 0)}
            </td>
            <td className="num">{f.percent(q.occupancy, none)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The teams side by side, a column each and a row per figure: beside the agents rather than
 * above them, so the agent table keeps the height of a 768-pixel screen.
 */
function TeamsTable({ rows }: { rows: TeamRow[] }) {
  const { t } = useTranslation('board');
  const f = useBoardFormat();
  const none = t('queues.none');
  const figures: [key: string, label: ReactNode, value: (r: TeamRow) => string][] = [
    ['staffed', t('teams.staffed'), (r) => f.number(r.agentsStaffed, 0)],
    ['available', t('queues.available'), (r) => f.number(r.agentsAvailable, 0)],
    ['onCall', t('teams.onCall'), (r) => f.number(r.agentsOnCall, 0)],
    ['handled', t('teams.handled'), (r) => f.number(r.handled, 0)],
    ['sl', t('teams.serviceLevel'), (r) => f.percent(r.serviceLevel, none)],
    ['asa', <AsaAht key="asa" which="asa" />, (r) => f.seconds(r.asaMs, none)],
    ['aht', <AsaAht key="aht" which="aht" />, (r) => f.seconds(r.ahtMs, none)],
    ['occupancy', t('queues.occupancy'), (r) => f.percent(r.occupancy, none)],
  ];
  return (
    <div className="card teams-card">
      <table className="data board-table teams-table">
        <caption>{t('teams.caption')}</caption>
        <thead>
          <HeaderRow
            columns={[
              ['team', t('teams.team')],
              ...rows.map(
                (r): Column => [
                  r.team,
                  t(`teams.names.${r.team}`, { defaultValue: readableCode(r.team) }),
                  'num',
                ],
              ),
            ]}
          />
        </thead>
        <tbody>
          {figures.map(([key, label, value]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              {rows.map((r) => (
                <td key={r.team} className="num">
                  {value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Coverage({ coverage }: { coverage: ReturnType<typeof languageCoverage> }) {
  const { t } = useTranslation('board');
  const f = useBoardFormat();
  return (
    <section
      className={`card coverage ${coverage.short ? 'short' : ''}`}
      aria-labelledby="coverage-title"
    >
      <h2 id="coverage-title">{t('coverage.title')}</h2>
      <p>
        <strong>
          {t('coverage.agents', {
            available: f.number(coverage.agentsAvailable, 0),
            staffed: f.number(coverage.agentsStaffed, 0),
          })}
        </strong>
      </p>
      <p>
        {t('coverage.calls', { count: coverage.callsWaiting })}
        {coverage.longestWaitMs !== null &&
          ` · ${t('coverage.longest', { wait: f.seconds(coverage.longestWaitMs, '') })}`}
      </p>
      <p role="status">
        {coverage.short ? <strong>⚠ {t('coverage.short')}</strong> : `✓ ${t('coverage.ok')}`}
      </p>
    </section>
  );
}

function Alerts({ rows }: { rows: AgentRow[] }) {
  const { t } = useTranslation('board');
  const { t: ts } = useTranslation('softphone');
  const f = useBoardFormat();
  const alerts = rows
    .flatMap((r) => r.alerts.map((a) => ({ ...a, name: r.name, id: r.id })))
    .sort((a, b) => b.seconds - b.limitSeconds - (a.seconds - a.limitSeconds));
  return (
    <section className="card alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {t('alerts.title')}{' '}
        <span className="muted">({t('alerts.count', { count: alerts.length })})</span>
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('alerts.none')}</p>
      ) : (
        // A list named by the card's heading, not a second region of the same name.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list is reached and scrolled with the keyboard
        <ul className="alert-list" aria-labelledby="alerts-title" tabIndex={0}>
          {alerts.map((a) => (
            <li key={`${a.id}-${a.kind}`}>
              <span aria-hidden="true">⚠</span>{' '}
              {t(`alerts.${a.kind}`, {
                name: a.name,
                state: ts(`states.${a.state}`),
                time: f.duration(a.seconds),
                limit: f.duration(a.limitSeconds),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
