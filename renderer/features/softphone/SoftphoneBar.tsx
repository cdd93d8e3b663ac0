import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { readableCode } from '../../../shared/i18n';
import { isLive } from '../../../shared/telephony/machine';
import { timers as deskTimers } from '../../../shared/telephony/timers';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { DevicesDialog, KeypadDialog, TransferDialog } from './dialogs';
import {
  CallerCard,
  CallTimers,
  FarEndReply,
  StateSelector,
  stateReasonKey,
  WaitingCall,
} from './parts';
import { ownUnrecorded } from './softphone-slice';
import { CODE_REQUIRED, WRAP_UP_SELECT_ID, WrapUp } from './WrapUp';

type Dialog = 'transfer' | 'keypad' | 'devices' | null;

/** The softphone's shortcuts: Ctrl+Alt, so they work wherever the focus is, even in a field. */
export const softphoneShortcuts = (openDialog: (d: Dialog) => void): Shortcut[] => {
  const store = useAppStore.getState;
  return [
    {
      id: 'softphone.answer',
      keys: ['Ctrl+Alt+A'],
      labelKey: 'softphone:shortcuts.answer',
      run: () => void store().answer(),
    },
    {
      id: 'softphone.hangup',
      keys: ['Ctrl+Alt+H'],
      labelKey: 'softphone:shortcuts.hangup',
      // The call ringing for the agent is declined; otherwise the call they are on ends.
      run: () =>
        void (store().desk.active?.state === 'ringing' ? store().decline() : store().hangup()),
    },
    {
      id: 'softphone.hold',
      keys: ['Ctrl+Alt+O'],
      labelKey: 'softphone:shortcuts.hold',
      run: () => void store().toggleHold(),
    },
    {
      id: 'softphone.mute',
      keys: ['Ctrl+Alt+M'],
      labelKey: 'softphone:shortcuts.mute',
      run: () => void store().toggleMute(),
    },
    {
      id: 'softphone.wrapUp',
      keys: ['Ctrl+Alt+W'],
      labelKey: 'softphone:shortcuts.wrapUp',
      run: () => {
        // Again from the code field: finish, or say at the field that a code is missing.
        const select = document.getElementById(WRAP_UP_SELECT_ID);
        if (select && document.activeElement === select) store().finishWrapUp();
        else select?.focus();
      },
    },
    {
      id: 'softphone.ready',
      keys: ['Ctrl+Alt+R'],
      labelKey: 'softphone:shortcuts.ready',
      run: () => store().chooseState('available'),
    },
    {
      id: 'softphone.transfer',
      keys: ['Ctrl+Alt+T'],
      labelKey: 'softphone:shortcuts.transfer',
      run: () => {
        if (isLive(store().desk.active)) openDialog('transfer');
      },
    },
    {
      id: 'softphone.keypad',
      keys: ['Ctrl+Alt+K'],
      labelKey: 'softphone:shortcuts.keypad',
      run: () => {
        if (store().desk.active?.state === 'connected') openDialog('keypad');
      },
    },
  ];
};

/**
 * The call bar: agent state and time in it, the caller and their account, talk, hold and wrap-up
 * against the team's goals, the call controls; below, wrap-up, notices and the simulator.
 */
export function SoftphoneBar() {
  const { t } = useTranslation('softphone');
  const signedIn = useAppStore((s) => s.session?.principal != null);
  // What the bar shows; the actions are read from the store when used, so they cost no renders.
  const s = useAppStore(
    useShallow((st) => ({
      desk: st.desk,
      team: st.team,
      now: st.now,
      mode: st.mode,
      registered: st.registered,
      muted: st.muted,
      quality: st.quality,
      softphoneError: st.softphoneError,
      callSaved: st.callSaved,
      unrecorded: ownUnrecorded(st).length,
      callsPerHour: st.callsPerHour,
    })),
  );
  const act = useAppStore.getState;
  const [dialog, setDialog] = useState<Dialog>(null);
  const shortcuts = useMemo(() => softphoneShortcuts(setDialog), []);
  useShortcuts(shortcuts);

  if (!signedIn || s.mode === null) {
    return (
      <section className="softphone" aria-label={t('region')}>
        <div className="softphone-main">
          <div className="brand">
            <span className="brand-name">Tapline</span>
          </div>
        </div>
      </section>
    );
  }

  const { desk, team, now } = s;
  const timers = deskTimers(desk, now, team);
  const active = desk.active;
  // The call ringing for the agent; a call waiting behind theirs shows apart, under the bar.
  const ringing = active?.state === 'ringing' ? active : null;
  const waiting = desk.other?.state === 'ringing' ? desk.other : null;
  const live = isLive(active) ? active : null;
  const shown = ringing ?? live ?? desk.wrapUp?.calls.at(-1) ?? null;
  const reason = stateReasonKey(desk);
  // A missing wrap-up code is said at the code field, not twice.
  const notice = s.softphoneError === CODE_REQUIRED && desk.wrapUp ? null : s.softphoneError;

  return (
    <section className={`softphone state-${desk.state}`} aria-label={t('region')}>
      <div className="softphone-main">
        <div className="brand">
          <span className="brand-name">Tapline</span>
          <span className={`mode mode-${s.mode}`}>{t(`mode.${s.mode}`)}</span>
        </div>
        <StateSelector desk={desk} team={team} why={reason ? t(reason) : null} />
        <CallerCard call={shown} />
        <CallTimers desk={desk} timers={timers} team={team} />
        <div className="call-controls">
          {ringing ? (
            <>
              <button
                type="button"
                className="answer"
                aria-keyshortcuts="Control+Alt+A"
                onClick={() => void act().answer()}
              >
                {t('answer')}
              </button>
              <button type="button" onClick={() => void act().decline()}>
                {t('reject')}
              </button>
            </>
          ) : live?.state === 'transferring' ? (
            <>
              <button
                type="button"
                className="primary"
                onClick={() => void act().endTransfer(true)}
              >
                {t('completeTransfer')}
              </button>
              <button type="button" onClick={() => void act().endTransfer(false)}>
                {t('cancelTransfer')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                disabled={!live}
                aria-pressed={live?.state === 'on-hold'}
                aria-keyshortcuts="Control+Alt+O"
                onClick={() => void act().toggleHold()}
              >
                {live?.state === 'on-hold' ? t('resume') : t('hold')}
              </button>
              <button
                type="button"
                disabled={live?.state !== 'connected'}
                aria-pressed={s.muted}
                aria-keyshortcuts="Control+Alt+M"
                onClick={() => void act().toggleMute()}
              >
                {s.muted ? t('unmute') : t('mute')}
              </button>
              <button
                type="button"
                disabled={!live}
                aria-haspopup="dialog"
                aria-keyshortcuts="Control+Alt+T"
                onClick={() => setDialog('transfer')}
              >
                {t('transfer')}
              </button>
              <button
                type="button"
                disabled={live?.state !== 'connected'}
                aria-haspopup="dialog"
                aria-keyshortcuts="Control+Alt+K"
                onClick={() => setDialog('keypad')}
              >
                {t('keypad')}
              </button>
              <button
                type="button"
                className="hangup"
                disabled={!live}
                aria-keyshortcuts="Control+Alt+H"
                onClick={() => void act().hangup()}
              >
                {t('hangup')}
              </button>
            </>
          )}
        </div>
      </div>

      <div className="softphone-strip">
        {waiting && <WaitingCall call={waiting} />}
        <WrapUp />
        <div className="notices" role="status" data-testid="softphone-notice">
          {!s.registered && <span className="notice">{t('connecting')}</span>}
          {s.callSaved && !desk.wrapUp && (
            <span className="saved">
              {t('wrapUp.saved', {
                code: t(`wrapUp.codes.${s.callSaved.wrapUpCode}`, {
                  defaultValue: readableCode(s.callSaved.wrapUpCode),
                }),
              })}
            </span>
          )}
          {notice && (
            <span className="notice">
              {t(notice)}
              <button
                type="button"
                className="link"
                onClick={() => act().dismissSoftphoneNotice()}
                aria-label={t('dismissNotice')}
              >
                ×
              </button>
            </span>
          )}
          {s.quality.length > 0 && (
            <span className="quality">
              {t('qualityLead')} {s.quality.map((w) => t(`quality.${w}`)).join(' · ')}
            </span>
          )}
          <FarEndReply />
          {s.unrecorded > 0 && (
            <span className="notice">{t('unrecorded', { count: s.unrecorded })}</span>
          )}
        </div>
        {s.mode === 'simulator' && (
          <div className="simulator" data-testid="simulator">
            <span className="label">{t('simulator.label')}</span>
            <label className="field-inline">
              <span>{t('simulator.rate')}</span>
              <input
                type="number"
                min={0}
                max={600}
                step={1}
                value={s.callsPerHour}
                onChange={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (Number.isFinite(n) && n >= 0 && n <= 600) void act().setCallsPerHour(n);
                }}
              />
            </label>
            <button type="button" onClick={() => void act().ringNow()}>
              {t('simulator.ring')}
            </button>
          </div>
        )}
        <button
          type="button"
          className="devices"
          aria-haspopup="dialog"
          onClick={() => setDialog('devices')}
        >
          {t('devices')}
        </button>
      </div>

      <TransferDialog open={dialog === 'transfer'} onClose={() => setDialog(null)} />
      <KeypadDialog open={dialog === 'keypad'} onClose={() => setDialog(null)} />
      <DevicesDialog open={dialog === 'devices'} onClose={() => setDialog(null)} />
    </section>
  );
}
