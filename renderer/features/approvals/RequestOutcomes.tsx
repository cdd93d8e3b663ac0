import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../bridge';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';

const DISMISSED = 'tapline.dismissedDecisions';
const DAY_MS = 86_400_000;

function dismissedIds(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * The agent's adjustment requests a lead decided in the last day: approved or declined, by
 * whom and why, until the agent dismisses each. Looks again whenever accounts change.
 */
export function RequestOutcomes() {
  const { t } = useTranslation('approvals');
  const f = useFormat();
  const mine = useAppStore((s) => s.myRequests);
  const load = useAppStore((s) => s.loadMyRequests);
  const [dismissed, setDismissed] = useState(dismissedIds);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = bridge.on('account.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 500);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [load]);

  const recent = (mine ?? []).filter(
    (r) =>
      r.status !== 'pending' &&
      r.decidedAt !== null &&
      Date.now() - Date.parse(r.decidedAt) < DAY_MS &&
      !dismissed.has(r.id),
  );
  if (!recent.length) return null;
  const dismiss = (id: string) => {
    const next = new Set(dismissed).add(id);
    localStorage.setItem(DISMISSED, JSON.stringify([...next].slice(-200)));
    setDismissed(next);
  };
  return (
    <section className="outcomes" role="status" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t('outcomes')}</h2>
      <ul className="outcome-list">
        {recent.map((r) => (
          <li key={r.id}>
            <span>
              {t(`outcome.${r.status}`, {
                kind: t(`account:adjustments.kinds.${r.kind}`),
                amount: f.money(Math.abs(r.amountCents)),
                account: r.accountNumber,
                by: r.decidedBy ?? '',
                reason: r.decisionReason ?? '',
              })}
            </span>
            <button type="button" onClick={() => dismiss(r.id)}>
              {t('dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
