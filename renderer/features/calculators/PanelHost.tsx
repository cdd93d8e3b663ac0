import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

// The rules, rates and calendars the panels compute with load with the first panel opened.
const Panels = lazy(() => import('./Panels'));

/** The panel the agent (or a script, through `openPanel`) asked for, with its prefill. */
export function PanelHost() {
  const { t } = useTranslation('calculators');
  const request = useAppStore((s) => s.panelRequest);
  if (!request) return null;
  return (
    <Suspense fallback={<p className="muted">{t('panel.loading')}</p>}>
      <Panels request={request} />
    </Suspense>
  );
}
