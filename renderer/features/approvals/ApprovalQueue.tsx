import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustmentRequest } from '../../../shared/cis';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { bridge } from '../../bridge';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { refusalText } from '../account/reason';

/**
 * A team lead's approval queue: the adjustments above an agent's limit, oldest first, each
 * approved or declined with a reason. The decision is a command through the outbox (it waits
 * while offline); the agent who asked sees it. Standalone, so the team lead's board embeds it;
 * `onOpenAccount` lets the host open the account a request is about.
 */
export function ApprovalQueue({ onOpenAccount }: { onOpenAccount?: (number: string) => void }) {
  const { t } = useTranslation('approvals');
  const f = useFormat();
  const approvals = useAppStore((s) => s.approvals);
  const error = useAppStore((s) => s.approvalsError);
  const load = useAppStore((s) => s.loadApprovals);
  const role = useAppStore((s) => s.session?.principal?.role ?? 'agent');
  const decisions = useAppStore((s) => s.decisions);
  // A decision recorded leaves the list for a line that says so; one still on its way, or
  // refused, stays with its outcome; the rest wait, oldest first.
  const mine = Object.values(decisions).filter(
    (d) => !approvals?.some((p) => p.id === d.request.id),
  );
  const recorded = mine.filter((d) => d.item.status === 'applied');
  const open = mine.filter((d) => d.item.status !== 'applied').map((d) => d.request);
  const shown = [...open, ...(approvals ?? [])];

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offs = [
      bridge.on('command.outcome', ({ item }) => useAppStore.getState().receiveDecision(item)),
      // A new request is a change to its account: look again, once the burst is over.
      bridge.on('account.changed', () => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(), 500);
      }),
    ];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [load]);

  return (
    <section className="approvals" aria-labelledby="approvals-title">
      <div className="panel-head">
        <h2 id="approvals-title">
          {t('title')} {approvals && <span className="badge info">{approvals.length}</span>}
        </h2>
        <button type="button" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      <div role="status">
        {recorded.map(({ request: r, item }) => (
          <p key={r.id} className="success">
            {t('decided', {
              decision: t(
                `decisions.${item.command.type === 'decideAdjustment' ? item.command.decision : 'approve'}`,
              ),
              request: requestText(t, r, f),
            })}
          </p>
        ))}
      </div>
      {approvals === null && !error && <p className="muted">{t('loading')}</p>}
      {approvals !== null && shown.length === 0 && <p className="muted">{t('empty')}</p>}
      {shown.length > 0 && (
        <ul className="approval-list">
          {shown.map((r) => (
            <ApprovalItem
              key={r.id}
              request={r}
              canDecide={roleAtLeast(role, r.approver)}
              onOpenAccount={onOpenAccount}
              f={f}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function requestText(
  t: (k: string, o?: Record<string, unknown>) => string,
  r: AdjustmentRequest,
  f: ReturnType<typeof useFormat>,
): string {
  return t('request', {
    kind: t(`account:adjustments.kinds.${r.kind}`),
    amount: f.money(Math.abs(r.amountCents)),
    name: r.name,
  });
}

function ApprovalItem({
  request: r,
  canDecide,
  onOpenAccount,
  f,
}: {
  request: AdjustmentRequest;
  canDecide: boolean;
  onOpenAccount?: (number: string) => void;
  f: ReturnType<typeof useFormat>;
}) {
  const { t } = useTranslation('approvals');
  const decide = useAppStore((s) => s.decideAdjustment);
  const decision = useAppStore((s) => s.decisions[r.id]?.item);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const valid = reason.trim().length >= 3;
  const reasonId = `decision-reason-${r.id}`;
  const submit = (d: 'approve' | 'decline') => {
    setTried(true);
    if (valid) void decide(r, d, reason.trim());
  };
  const command = decision?.command.type === 'decideAdjustment' ? decision.command : null;
  return (
    <li className="approval" aria-labelledby={`approval-${r.id}`}>
      <h3 id={`approval-${r.id}`}>{requestText(t, r, f)}</h3>
      <dl className="facts">
        <div>
          <dt>{t('account')}</dt>
          <dd>
            {onOpenAccount ? (
              <button type="button" className="link" onClick={() => onOpenAccount(r.accountNumber)}>
                {r.accountNumber}
              </button>
            ) : (
              r.accountNumber
            )}
          </dd>
        </div>
        <div>
          <dt>{t('requestedBy')}</dt>
          <dd>{t('byAt', { name: r.requestedBy, time: f.dateTime(r.createdAt) })}</dd>
        </div>
        <div>
          <dt>{t('needs')}</dt>
          <dd>{t(`account:signIn.roles.${r.approver}`)}</dd>
        </div>
      </dl>
      <p>
        <span className="muted">{t('reason')}:</span> {r.reason}
      </p>
      {!canDecide ? (
        <p className="notice">
          {t('notYours', { approver: t(`account:signIn.roles.${r.approver}`) })}
        </p>
      ) : decision ? (
        <p className={decision.status === 'rejected' ? 'error' : 'muted'} role="status">
          {decision.status === 'rejected'
            ? t('refused', { reason: refusalText(t, decision.result, f) })
            : t('sending', { decision: t(`decisions.${command?.decision}`) })}
        </p>
      ) : (
        <div className="decide">
          <label className="field" htmlFor={reasonId}>
            <span>{t('decisionReason')}</span>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={500}
              value={reason}
              aria-invalid={tried && !valid}
              aria-describedby={tried && !valid ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {tried && !valid && (
            <span id={`${reasonId}-error`} className="error small">
              {t('reasonNeeded')}
            </span>
          )}
          <div className="panel-actions">
            <button type="button" className="primary" onClick={() => submit('approve')}>
              {t('approve')}
            </button>
            <button type="button" className="danger" onClick={() => submit('decline')}>
              {t('decline')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
