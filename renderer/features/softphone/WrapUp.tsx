import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import { useAppStore } from '../../store';

export const WRAP_UP_SELECT_ID = 'wrap-up-code';
/** The desk's notice when wrap-up is asked to finish with no code: shown at the code field. */
export const CODE_REQUIRED = 'softphone:notice.wrapUpCodeRequired';

/**
 * Wrap-up: the code (suggested by the script at its end, else by the last command made on the
 * call), what is missing when the agent tries to finish without one, and the call's notes — what
 * the script noted, prefilled and editable — that go with the call's record.
 */
export function WrapUp() {
  const { t } = useTranslation('softphone');
  const wrapUp = useAppStore((s) => s.desk.wrapUp);
  const codes = useAppStore((s) => s.team.wrapUpCodes);
  const inWrapUp = useAppStore((s) => s.desk.state === 'wrap-up');
  const missing = useAppStore((s) => s.softphoneError === CODE_REQUIRED);
  const suggestion = useAppStore((s) => s.wrapUpSuggestion);
  const callId = wrapUp?.calls.at(-1)?.id ?? null;
  const notes = useAppStore((s) => (callId ? (s.callNotes[callId] ?? '') : ''));
  const act = useAppStore.getState;
  if (!wrapUp || !callId) return null;
  const suggested =
    suggestion && wrapUp.calls.some((c) => c.id === suggestion.callId) ? suggestion : null;
  const hint = missing
    ? 'wrap-up-code-missing'
    : suggested?.code === wrapUp.code
      ? 'wrap-up-code-suggested'
      : undefined;
  return (
    <div className="wrap-up">
      <div className="wrap-up-code">
        <label className="field-inline">
          <span>{t('wrapUp.code')}</span>
          <select
            id={WRAP_UP_SELECT_ID}
            aria-keyshortcuts="Control+Alt+W"
            aria-invalid={missing}
            aria-describedby={hint}
            value={wrapUp.code ?? ''}
            onChange={(e) => e.target.value && act().setWrapUpCode(e.target.value)}
          >
            <option value="">{t('wrapUp.choose')}</option>
            {codes.map((code) => (
              <option key={code} value={code}>
                {t(`wrapUp.codes.${code}`, { defaultValue: readableCode(code) })}
              </option>
            ))}
          </select>
        </label>
        {missing && (
          <span id="wrap-up-code-missing" className="wrap-up-missing" role="alert">
            {t('wrapUp.codeMissing')}
          </span>
        )}
        {!missing && suggested?.code === wrapUp.code && (
          <span id="wrap-up-code-suggested" className="wrap-up-hint">
            {t('wrapUp.suggested', { action: t(`wrapUp.actions.${suggested.command}`) })}
          </span>
        )}
        <button
          type="button"
          className="primary"
          disabled={!inWrapUp}
          onClick={() => act().finishWrapUp()}
        >
          {t('wrapUp.finish')}
        </button>
      </div>
      <label className="field-inline wrap-up-notes">
        <span>{t('wrapUp.notes')}</span>
        <textarea
          rows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => act().setCallNotes(callId, e.target.value)}
        />
      </label>
    </div>
  );
}
