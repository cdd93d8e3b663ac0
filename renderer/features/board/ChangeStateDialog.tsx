import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentRow } from '../../../shared/metrics/board';
import { type DirectiveReason, directiveReasons } from '../../../shared/metrics/settings';
import { type ChosenState, chosenStates } from '../../../shared/telephony/types';
import { useAppStore } from '../../store';
import { useBoardFormat } from './format';

const BUSY = ['ringing', 'on-call', 'on-hold', 'wrap-up'];

/** A lead changes an agent's state, with a reason; the agent's desktop applies it. */
export function ChangeStateDialog({ agent, onClose }: { agent: AgentRow; onClose(): void }) {
  const { t } = useTranslation('board');
  const { t: ts } = useTranslation('softphone');
  const f = useBoardFormat();
  const direct = useAppStore((s) => s.direct);
  const error = useAppStore((s) => s.boardError);
  const ref = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<ChosenState>(
    agent.state === 'available' ? 'not-ready' : 'available',
  );
  const [reason, setReason] = useState<DirectiveReason>('queue-coverage');
  const [sending, setSending] = useState(false);
  const stateId = useId();
  const reasonId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    const ok = await direct(agent.id, state, reason);
    setSending(false);
    if (ok) {
      useAppStore.setState({ boardNotice: { name: agent.name } });
      onClose();
    }
  };

  return (
    <dialog
      ref={ref}
      className="overlay"
      aria-labelledby="change-state-title"
      onCancel={onClose}
      // A close event is queued: it may arrive for a dialog shown again since; only a dialog
      // that is really closed ends the change.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
    >
      <form onSubmit={submit} className="change-state">
        <h2 id="change-state-title">{t('change.title', { name: agent.name })}</h2>
        <p>
          {t('change.current', {
            state: ts(`states.${agent.state}`),
            time: f.duration(agent.stateSeconds),
          })}
        </p>
        {BUSY.includes(agent.state) && (
          <p className="notice">{t('change.onCall', { name: agent.name })}</p>
        )}
        <div className="field">
          <label htmlFor={stateId}>{t('change.state')}</label>
          <select
            id={stateId}
            value={state}
            onChange={(e) => setState(e.target.value as ChosenState)}
          >
            {chosenStates.map((s) => (
              <option key={s} value={s}>
                {ts(`states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={reasonId}>{t('change.reason')}</label>
          <select
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value as DirectiveReason)}
          >
            {directiveReasons.map((r) => (
              <option key={r} value={r}>
                {t(`change.reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="error" role="alert">
            {t(error)}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="primary" disabled={sending}>
            {t('change.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('change.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
