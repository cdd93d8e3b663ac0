import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../shared/i18n/format';
import { timers as deskTimers } from '../../../shared/telephony/timers';
import { type ChosenState, chosenStates } from '../../../shared/telephony/types';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';

export const WRAP_UP_SELECT_ID = 'wrap-up-code';

function Timer({
  label,
  seconds,
  level,
  goal,
}: {
  label: string;
  seconds: number;
  level?: 'ok' | 'warning' | 'over';
  goal?: number;
}) {
  const { t } = useTranslation('softphone');
  return (
    <div className={`timer ${level ?? ''}`}>
      <dt>{label}</dt>
      <dd>
        <span className="time">{formatDuration(seconds)}</span>
        {level && goal !== undefined && (
          <span className="level">
            {t(`timers.levels.${level}`)} · {t('timers.goal', { goal: formatDuration(goal) })}
          </span>
        )}
      </dd>
    </div>
  );
}

function useDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return ref;
}

/** The call bar: agent state, caller and account, timers against goals, call controls, wrap-up. */
export function SoftphoneBar() {
  const { t } = useTranslation('softphone');
  const f = useFormat();
  const s = useAppStore();
  const { desk, team, now, muted } = s;
  const [dialog, setDialog] = useState<'transfer' | 'keypad' | 'devices' | null>(null);
  const [transferKind, setTransferKind] = useState<'agent' | 'queue' | 'number'>('queue');
  const [transferTo, setTransferTo] = useState('');
  const [warm, setWarm] = useState(false);
  const [sent, setSent] = useState('');
  const transferRef = useDialog(dialog === 'transfer');
  const keypadRef = useDialog(dialog === 'keypad');
  const devicesRef = useDialog(dialog === 'devices');

  const timers = deskTimers(desk, now, team);
  const active = desk.active;
  const ringing =
    active?.state === 'ringing' ? active : desk.other?.state === 'ringing' ? desk.other : null;
  const live =
    active && ['connected', 'on-hold', 'transferring'].includes(active.state) ? active : null;
  const callForLine = ringing ?? live ?? desk.wrapUp?.calls.at(-1) ?? null;
  const stateValue: ChosenState | '' = (chosenStates as readonly string[]).includes(desk.state)
    ? (desk.state as ChosenState)
    : '';

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'softphone.answer',
        keys: ['Ctrl+Alt+A'],
        labelKey: 'softphone:shortcuts.answer',
        run: () => void useAppStore.getState().answer(),
      },
      {
        id: 'softphone.hangup',
        keys: ['Ctrl+Alt+H'],
        labelKey: 'softphone:shortcuts.hangup',
        run: () => void useAppStore.getState().hangup(),
      },
      {
        id: 'softphone.hold',
        keys: ['Ctrl+Alt+O'],
        labelKey: 'softphone:shortcuts.hold',
        run: () => void useAppStore.getState().toggleHold(),
      },
      {
        id: 'softphone.mute',
        keys: ['Ctrl+Alt+M'],
        labelKey: 'softphone:shortcuts.mute',
        run: () => void useAppStore.getState().toggleMute(),
      },
      {
        id: 'softphone.wrapUp',
        keys: ['Ctrl+Alt+W'],
        labelKey: 'softphone:shortcuts.wrapUp',
        run: () => {
          const select = document.getElementById(WRAP_UP_SELECT_ID);
          if (
            select &&
            document.activeElement === select &&
            useAppStore.getState().desk.wrapUp?.code
          )
            useAppStore.getState().finishWrapUp();
          else select?.focus();
        },
      },
      {
        id: 'softphone.ready',
        keys: ['Ctrl+Alt+R'],
        labelKey: 'softphone:shortcuts.ready',
        run: () => useAppStore.getState().chooseState('available'),
      },
      {
        id: 'softphone.keypad',
        keys: ['Ctrl+Alt+K'],
        labelKey: 'softphone:shortcuts.keypad',
        run: () => setDialog('keypad'),
      },
    ],
    [],
  );
  useShortcuts(shortcuts);

  const submitTransfer = (e: FormEvent) => {
    e.preventDefault();
    if (!transferTo.trim()) return;
    void s.transfer({ kind: transferKind, to: transferTo.trim(), warm });
    setDialog(null);
  };

  const caller = callForLine?.caller;
  const stateLabel = `${t(`states.${desk.state}`)}${desk.state === 'not-ready' && desk.notReadyReason && desk.notReadyReason !== 'chosen' ? ` (${t(`notReady.${desk.notReadyReason}`)})` : ''}`;

  return (
    <section className="softphone" aria-label={t('region')}>
      <div className="brand">
        <span className="brand-name">Tapline</span>
        {s.mode === 'simulator' && <span className="brand-tagline">{t('simulator.mode')}</span>}
      </div>
      <label className="field-inline">
        <span>{t('state')}</span>
        <select
          data-testid="agent-state"
          value={stateValue}
          onChange={(e) =>
            e.target.value && s.chooseState(e.target.value as ChosenState, e.target.value)
          }
        >
          {stateValue === '' && <option value="">{t(`states.${desk.state}`)}</option>}
          {chosenStates.map((state) => (
            <option key={state} value={state}>
              {t(`states.${state}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="caller" aria-live="polite" data-testid="caller">
        <strong data-testid="desk-state">{stateLabel}</strong>
        <span>
          {caller
            ? t('callerLine', {
                number: f.phone(caller.from),
                language: caller.language ? t(`languages.${caller.language}`) : '—',
                reason: t(`reasons.${caller.reason ?? 'unknown'}`, { defaultValue: caller.reason }),
              })
            : t('noCall')}
        </span>
      </div>
      <dl className="timers">
        {live && (
          <Timer
            label={t('timers.talk')}
            seconds={timers.talkSeconds}
            level={timers.talk}
            goal={team.goals.talkSeconds}
          />
        )}
        {live && timers.holdSeconds > 0 && (
          <Timer
            label={t('timers.hold')}
            seconds={timers.holdSeconds}
            level={timers.hold}
            goal={team.goals.holdSeconds}
          />
        )}
        {desk.state === 'wrap-up' && (
          <Timer
            label={t('timers.wrapUp')}
            seconds={timers.wrapUpSeconds}
            level={timers.wrapUp}
            goal={team.goals.wrapUpSeconds}
          />
        )}
        <Timer label={t('timers.inState')} seconds={timers.stateSeconds} />
      </dl>
      <div className="call-controls">
        {ringing && (
          <>
            <button type="button" className="answer" onClick={() => void s.answer()}>
              {t('answer')} <kbd>Ctrl+Alt+A</kbd>
            </button>
            <button type="button" onClick={() => void s.decline()}>
              {t('reject')}
            </button>
          </>
        )}
        <button type="button" disabled={!live} onClick={() => void s.hangup()}>
          {t('hangup')}
        </button>
        <button
          type="button"
          disabled={!live || live.state === 'transferring'}
          aria-pressed={live?.state === 'on-hold'}
          onClick={() => void s.toggleHold()}
        >
          {live?.state === 'on-hold' ? t('resume') : t('hold')}
        </button>
        <button
          type="button"
          disabled={!live}
          aria-pressed={muted}
          onClick={() => void s.toggleMute()}
        >
          {muted ? t('unmute') : t('mute')}
        </button>
        <button type="button" disabled={!live} onClick={() => setDialog('transfer')}>
          {t('transfer')}
        </button>
        <button type="button" disabled={!live} onClick={() => setDialog('keypad')}>
          {t('keypad')}
        </button>
        <button type="button" onClick={() => setDialog('devices')}>
          {t('devices')}
        </button>
      </div>
      {desk.wrapUp && (
        <div className="wrap-up">
          <label className="field-inline">
            <span>{t('wrapUp.code')}</span>
            <select
              id={WRAP_UP_SELECT_ID}
              value={desk.wrapUp.code ?? ''}
              onChange={(e) => e.target.value && s.setWrapUpCode(e.target.value)}
            >
              <option value="">{t('wrapUp.choose')}</option>
              {team.wrapUpCodes.map((code) => (
                <option key={code} value={code}>
                  {t(`wrapUp.codes.${code}`, { defaultValue: code })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={!desk.wrapUp.code || desk.state !== 'wrap-up'}
            onClick={() => s.finishWrapUp()}
          >
            {t('wrapUp.finish')}
          </button>
        </div>
      )}
      {s.mode === 'simulator' && (
        <div className="simulator">
          <label className="field-inline">
            <span>{t('simulator.rate')}</span>
            <input
              type="number"
              min={0}
              max={600}
              value={s.callsPerHour}
              onChange={(e) => void s.setCallsPerHour(Number(e.target.value) || 0)}
            />
          </label>
          <button type="button" onClick={() => void s.ringNow()}>
            {t('simulator.ring')}
          </button>
        </div>
      )}
      {(s.softphoneError || s.quality.length > 0) && (
        <p className="softphone-notice" role="status">
          {s.softphoneError ? t(s.softphoneError) : ''}{' '}
          {s.quality.map((w) => t(`quality.${w}`)).join(' · ')}
        </p>
      )}

      <dialog
        ref={transferRef}
        className="overlay"
        aria-labelledby="transfer-title"
        onCancel={() => setDialog(null)}
        onClose={() => setDialog(null)}
      >
        <form onSubmit={submitTransfer} className="dialog-form">
          <h2 id="transfer-title">{t('transferDialog.title')}</h2>
          <label className="field">
            <span>{t('transferDialog.kind')}</span>
            <select
              value={transferKind}
              onChange={(e) => setTransferKind(e.target.value as typeof transferKind)}
            >
              {(['agent', 'queue', 'number'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`transferDialog.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('transferDialog.target')}</span>
            <input value={transferTo} onChange={(e) => setTransferTo(e.target.value)} required />
          </label>
          <label className="field-inline">
            <input type="checkbox" checked={warm} onChange={(e) => setWarm(e.target.checked)} />
            <span>{t('transferDialog.warm')}</span>
          </label>
          <div className="buttons">
            <button type="submit" className="primary">
              {t('transferDialog.submit')}
            </button>
            <button type="button" onClick={() => setDialog(null)}>
              {t('transferDialog.cancel')}
            </button>
          </div>
        </form>
      </dialog>

      <dialog
        ref={keypadRef}
        className="overlay"
        aria-labelledby="keypad-title"
        onCancel={() => setDialog(null)}
        onClose={() => setDialog(null)}
      >
        <h2 id="keypad-title">{t('keypadDialog.title')}</h2>
        <div className="keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((d) => (
            <button
              key={d}
              type="button"
              onClick={() => {
                setSent((v) => v + d);
                void s.sendDigits(d);
              }}
            >
              {d}
            </button>
          ))}
        </div>
        <p aria-live="polite">{sent ? t('keypadDialog.sent', { digits: sent }) : ''}</p>
        <button type="button" onClick={() => setDialog(null)}>
          {t('keypadDialog.close')}
        </button>
      </dialog>

      <dialog
        ref={devicesRef}
        className="overlay"
        aria-labelledby="devices-title"
        onCancel={() => setDialog(null)}
        onClose={() => setDialog(null)}
      >
        <h2 id="devices-title">{t('devicesDialog.title')}</h2>
        {s.mode === 'simulator' && <p>{t('devicesDialog.simulator')}</p>}
        <label className="field">
          <span>{t('devicesDialog.input')}</span>
          <select defaultValue="default">
            <option value="default">{t('devicesDialog.default')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('devicesDialog.output')}</span>
          <select defaultValue="default">
            <option value="default">{t('devicesDialog.default')}</option>
          </select>
        </label>
        <button type="button" onClick={() => setDialog(null)}>
          {t('devicesDialog.close')}
        </button>
      </dialog>
    </section>
  );
}
