import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useFormat } from './format';
import { refusalText } from './reason';

/** Commands the central system refused, shown to the agent with the reason until dismissed. */
export function Refusals() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const refusals = useAppStore((s) => s.refusals);
  const dismiss = useAppStore((s) => s.dismissRefusal);
  const openAccount = useAppStore((s) => s.openAccount);
  if (!refusals.length) return null;
  return (
    <section className="refusals" role="alert" aria-labelledby="refusals-title">
      <h2 id="refusals-title">{t('outcome.rejectedTitle')}</h2>
      <ul>
        {refusals.map((item) => {
          return (
            <li key={item.seq}>
              <span>
                {t(`pending.types.${item.type}`)}
                {item.accountNumber && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => void openAccount(item.accountNumber!)}
                    >
                      {item.accountNumber}
                    </button>
                  </>
                )}
                : {refusalText(t, item.result, f)}
              </span>
              <button type="button" onClick={() => dismiss(item.seq)}>
                {t('outcome.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
