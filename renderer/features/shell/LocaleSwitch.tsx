import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

export function LocaleSwitch() {
  const { t } = useTranslation();
  const current = useAppStore((s) => s.settings?.locale ?? 'en');
  const setLocale = useAppStore((s) => s.setLocale);
  return (
    <label className="field-inline">
      <span>{t('language.label')}</span>
      <select
        data-testid="locale-switch"
        value={current}
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'en' || value === 'es') void setLocale(value);
        }}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="es" lang="es">
          Español
        </option>
      </select>
    </label>
  );
}
