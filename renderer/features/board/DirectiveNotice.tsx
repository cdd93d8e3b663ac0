import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import { useAppStore } from '../../store';

/** Tells the agent that a lead changed their state (or will, after this call), and why. */
export function DirectiveNotice() {
  const { t } = useTranslation('board');
  const { t: ts } = useTranslation('softphone');
  const notice = useAppStore((s) => s.directiveNotice);
  const dismiss = useAppStore((s) => s.setDirectiveNotice);
  return (
    <div className="directive-notice" aria-live="polite">
      {notice && (
        <p className="notice">
          {t(notice.waiting ? 'directive.waiting' : 'directive.received', {
            by: notice.byName,
            state: notice.reasonCode
              ? ts('stateWithReason', {
                  state: ts(`states.${notice.state}`),
                  reason: ts(`reasonCodes.${notice.reasonCode}`, {
                    defaultValue: readableCode(notice.reasonCode),
                  }),
                })
              : ts(`states.${notice.state}`),
            reason: t(`change.reasons.${notice.why}`, { defaultValue: readableCode(notice.why) }),
          })}{' '}
          <button type="button" className="link" onClick={() => dismiss(null)}>
            {t('directive.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
