import { useTranslation } from 'react-i18next';

export const SCRIPT_PANEL_ID = 'script-panel';

/** The call script the agent reads from (driven by the flows feature). */
export function ScriptPanel() {
  const { t } = useTranslation();
  return (
    <aside id={SCRIPT_PANEL_ID} className="script" aria-labelledby="script-title" tabIndex={-1}>
      <h2 id="script-title">{t('script.title')}</h2>
      <p className="empty">{t('script.empty')}</p>
    </aside>
  );
}
