import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import type { AgentRow } from '../../../shared/metrics/board';
import { type DirectiveReason, directiveReasons } from '../../../shared/metrics/settings';
import {
  type ChosenState,
  chosenStates,
  type StateWithReason,
  statesWithReasons,
} from '../../../shared/telephony/types';
import { useAppStore } from '../../store';
import { useBoardFormat } from './format';

const BUSY = ['ringing', 'on-call', 'on-hold', 'wrap-up'];

/** The new state and its reason code, as the agent's own list offers them ("break:personal"). */
type Choice = { state: ChosenState; reasonCode: string | null };
const optionValue = (c: Choice) => (c.reasonCode ? `${c.state}:${c.reasonCode}` : c.state);
const choiceOf = (value: string): Choice => {
  const [state, reasonCode] = value.split(':');
  return { state: state as ChosenState, reasonCode: reasonCode ?? null };
};

/** A lead changes an agent's state, with a reason; the agent's desktop applies it. */
export function ChangeStateDialog({ agent, onClose }: { agent: AgentRow; onClose(): void }) {
  const { t } = useTranslation('board');
  const { t: ts } = useTranslation('softphone');
  const f = useBoardFormat();
  const direct = useAppStore((s) => s.direct);
  const error = useAppStore((s) => s.boardError);
  const ref = useRef<HTMLDialogElement>(null);
  const team = useAppStore((s) => s.team);
  const choices: Choice[] = chosenStates.flatMap((state): Choice[] =>
    (statesWithReasons as readonly string[]).includes(state)
      ? team.reasonCodes[state as StateWithReason].map((reasonCode) => ({ state, reasonCode }))
      : [{ state, reasonCode: null }],
  );
  const [choice, setChoice] = useState<Choice>(
    agent.state === 'available' ? choices.find((c) => c.state === 'not-ready')! : choices[1],
  );
  const [why, setWhy] = useState<DirectiveReason>('queue-coverage');
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
    const ok = await direct(agent.id, choice.state, choice.reasonCode, why);
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
            value={optionValue(choice)}
            onChange={(e) => setChoice(choiceOf(e.target.value))}
          >
            {choices.map((c) => (
              <option key={optionValue(c)} value={optionValue(c)}>
                {c.reasonCode
                  ? ts('stateWithReason', {
                      state: ts(`states.${c.state}`),
                      reason: ts(`reasonCodes.${c.reasonCode}`, {
                        defaultValue: readableCode(c.reasonCode),
                      }),
                    })
                  : ts(`states.${c.state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={reasonId}>{t('change.reason')}</label>
          <select
            id={reasonId}
            value={why}
            onChange={(e) => setWhy(e.target.value as DirectiveReason)}
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
