import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import { formatDuration } from '../../../shared/i18n/format';
import type { GoalLevel, Timers } from '../../../shared/telephony/timers';
import {
  type Call,
  type ChosenState,
  chosenStates,
  type Desk,
  type StateWithReason,
  statesWithReasons,
  type TeamSettings,
} from '../../../shared/telephony/types';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';

export const STATE_SELECT_ID = 'agent-state';

const hasReasons = (s: ChosenState): s is StateWithReason =>
  (statesWithReasons as readonly string[]).includes(s);

/** A state and reason as one option value: "break:rest-break", "available". */
const optionValue = (state: ChosenState, reason?: string | null) =>
  reason ? `${state}:${reason}` : state;

/**
 * The agent's state: one list with each away state's reason codes grouped under it. During a call
 * the desk sets the state, and the list shows it without letting the agent leave the call.
 */
export function StateSelector({
  desk,
  team,
  why,
}: {
  desk: Desk;
  team: TeamSettings;
  /** Why the desk put the agent in this state (a missed call...), shown under the list. */
  why: string | null;
}) {
  const { t } = useTranslation('softphone');
  const chooseState = useAppStore((s) => s.chooseState);
  const chosen = (chosenStates as readonly string[]).includes(desk.state);
  const onCall = desk.active !== null && desk.active.state !== 'ended';
  const value = chosen ? optionValue(desk.state as ChosenState, desk.reasonCode) : desk.state;
  return (
    <div className={`state-select state-${desk.state}`}>
      <label htmlFor={STATE_SELECT_ID} className="label">
        {t('state')}
      </label>
      <span className="state-dot" aria-hidden="true" />
      <select
        id={STATE_SELECT_ID}
        data-testid="agent-state"
        value={value}
        disabled={onCall}
        onChange={(e) => {
          const [state, reason] = e.target.value.split(':') as [ChosenState, string | undefined];
          chooseState(state, reason);
        }}
      >
        {!chosen && <option value={desk.state}>{t(`states.${desk.state}`)}</option>}
        {chosenStates.map((state) =>
          hasReasons(state) && team.reasonCodes[state].length > 1 ? (
            <optgroup key={state} label={t(`states.${state}`)}>
              {team.reasonCodes[state].map((reason) => (
                <option key={reason} value={optionValue(state, reason)}>
                  {t('stateWithReason', {
                    state: t(`states.${state}`),
                    reason: t(`reasonCodes.${reason}`, { defaultValue: readableCode(reason) }),
                  })}
                </option>
              ))}
            </optgroup>
          ) : (
            <option
              key={state}
              value={optionValue(state, hasReasons(state) ? team.reasonCodes[state][0] : null)}
            >
              {t(`states.${state}`)}
            </option>
          ),
        )}
      </select>
      <p className="desk-state" data-testid="desk-state" aria-live="polite">
        <span className="visually-hidden">{t(`states.${desk.state}`)}</span>
        {why && <span className="why">{why}</span>}
      </p>
    </div>
  );
}

/** Why the agent is in their state, when the desk put them there. */
export function stateReasonKey(desk: Desk): string | null {
  if (desk.state === 'not-ready' && desk.notReadyReason && desk.notReadyReason !== 'chosen')
    return `notReady.${desk.notReadyReason}`;
  return null;
}

/** Who is calling and about which account: the screen-pop's result, as the agent reads it. */
export function CallerCard({ call }: { call: Call | null }) {
  const { t } = useTranslation('softphone');
  const f = useFormat();
  const view = useAppStore((s) => s.view);
  const chooser = useAppStore((s) => s.chooser);
  const openNumber = useAppStore((s) => s.openNumber);
  if (!call) {
    return (
      <div className="caller idle" data-testid="caller">
        <span className="caller-name">{t('noCall')}</span>
      </div>
    );
  }
  const number = call.accountNumber ?? (call.state === 'ringing' ? openNumber : null);
  const header = number && view?.header.number === number ? view.header : null;
  const who = header
    ? t('callerAccount', { name: header.name, number: header.number })
    : chooser && call.state === 'ringing'
      ? t('callerChoose', { count: chooser.accounts.length })
      : number
        ? number
        : t('callerNotOnFile');
  return (
    <div className="caller" data-testid="caller" aria-live="polite">
      <span className="caller-name" data-testid="caller-account">
        {who}
      </span>
      <span className="caller-line">
        {t('callerLine', {
          number: f.phone(call.caller.from),
          language: call.caller.language ? t(`languages.${call.caller.language}`) : t('unknown'),
          reason: t(`reasons.${call.caller.reason ?? 'unknown'}`, {
            defaultValue: readableCode(call.caller.reason ?? 'unknown'),
          }),
        })}
      </span>
    </div>
  );
}

/** A call ringing behind the agent's own (call waiting, or during wrap-up): who, and take it or not. */
export function WaitingCall({ call }: { call: Call }) {
  const { t } = useTranslation('softphone');
  const f = useFormat();
  return (
    <div className="waiting" data-testid="waiting-call">
      <span className="caller-line" aria-live="polite">
        {t('waiting', {
          line: t('callerLine', {
            number: f.phone(call.caller.from),
            language: call.caller.language ? t(`languages.${call.caller.language}`) : t('unknown'),
            reason: t(`reasons.${call.caller.reason ?? 'unknown'}`, {
              defaultValue: readableCode(call.caller.reason ?? 'unknown'),
            }),
          }),
        })}
      </span>
      <button
        type="button"
        className="answer"
        aria-keyshortcuts="Control+Alt+A"
        onClick={() => void useAppStore.getState().answer()}
      >
        {t('answer')}
      </button>
      <button type="button" onClick={() => void useAppStore.getState().decline()}>
        {t('reject')}
      </button>
    </div>
  );
}

/** What the far end of the line answered to the keypad (a phone menu reading back the digits). */
export function FarEndReply() {
  const { t } = useTranslation('softphone');
  const farEnd = useAppStore((s) =>
    s.farEnd && s.farEnd.callId === s.desk.active?.id ? s.farEnd : null,
  );
  if (!farEnd) return null;
  return (
    <span className="far-end" data-testid="far-end">
      {t(`keypadDialog.farEnd.${farEnd.reply}`, {
        entry: farEnd.entry || t('keypadDialog.farEnd.nothing'),
      })}
    </span>
  );
}

function Timer({
  label,
  seconds,
  level,
  goal,
  testId,
}: {
  label: string;
  seconds: number;
  level?: GoalLevel;
  goal?: number;
  testId: string;
}) {
  const { t } = useTranslation('softphone');
  return (
    <div className={`timer level-${level ?? 'none'}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="time">{formatDuration(seconds)}</span>
        {level && goal !== undefined && (
          <span className="goal">
            {level === 'ok'
              ? t('timers.goal', { goal: formatDuration(goal) })
              : t(`timers.levels.${level}`)}
          </span>
        )}
      </dd>
    </div>
  );
}

/** Talk, hold and wrap-up against the team's goals (colour and words), or the time in state. */
export function CallTimers({
  desk,
  timers,
  team,
}: {
  desk: Desk;
  timers: Timers;
  team: TeamSettings;
}) {
  const { t } = useTranslation('softphone');
  const call = desk.active ?? desk.wrapUp?.calls.at(-1) ?? null;
  const talked = call !== null && call.answeredAt !== null;
  const measured = [
    talked && {
      id: 'talk',
      label: t('timers.talk'),
      seconds: timers.talkSeconds,
      level: timers.talk,
      goal: team.goals.talkSeconds,
    },
    talked &&
      timers.holdSeconds > 0 && {
        id: 'hold',
        label: t('timers.hold'),
        seconds: timers.holdSeconds,
        level: timers.hold,
        goal: team.goals.holdSeconds,
      },
    desk.wrapUp && {
      id: 'wrap-up',
      label: t('timers.wrapUp'),
      seconds: timers.wrapUpSeconds,
      level: timers.wrapUp,
      goal: team.goals.wrapUpSeconds,
    },
  ].filter((m) => m !== false && m !== null);
  return (
    <dl className="timers">
      {/* Time in state says what the call's timers do not: how long Available, away, or ringing. */}
      {measured.length === 0 && (
        <Timer label={t('timers.inState')} seconds={timers.stateSeconds} testId="timer-state" />
      )}
      {measured.map((m) => (
        <Timer key={m.id} {...m} testId={`timer-${m.id}`} />
      ))}
    </dl>
  );
}
