import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountHeader } from '../../../shared/cis';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { CommandStatus } from './kit';

/**
 * Where the utility's disconnection rules are not loaded (Philadelphia's were not gathered), the
 * desk decides nothing about a shut-off: it says so, and offers what the agent can do on the call
 * instead — a reminder notice of the past due, a referral to the utility's assistance programs,
 * and the customer's rights with where to get help (the panel's rights section).
 */
export function NoDisconnectionRules({
  header,
  utilityName,
}: {
  header: AccountHeader;
  utilityName: string;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const submit = useAppStore((s) => s.submitCommand);
  const openPanel = useAppStore((s) => s.openPanel);
  const [sent, setSent] = useState<number | null>(null);
  const owes = header.pastDueCents > 0;
  const remind = async () => {
    const item = await submit({
      type: 'issueNotice',
      accountNumber: header.number,
      kind: 'reminder',
    });
    if (item) setSent(item.seq);
  };
  return (
    <section aria-labelledby="eligibility-title">
      <h4 id="eligibility-title">{t('disconnection.eligibility')}</h4>
      <p className="big" role="status">
        {t('noRules.verdict', { utility: utilityName })}
      </p>
      <p>{t('noRules.why')}</p>
      <h5 id="offers-title">{t('noRules.instead')}</h5>
      <ul className="offers" aria-labelledby="offers-title">
        <li>
          {owes
            ? t('noRules.reminder', { pastDue: f.money(header.pastDueCents) })
            : t('noRules.nothingPastDue')}{' '}
          <button
            type="button"
            className="primary"
            disabled={!owes || sent !== null}
            onClick={() => void remind()}
          >
            {t('noRules.issueReminder')}
          </button>
        </li>
        <li>
          {t('noRules.referral')}{' '}
          <button type="button" onClick={() => openPanel('assistance')}>
            {t('noRules.openAssistance')}
          </button>
        </li>
        <li>{t('noRules.rights')}</li>
      </ul>
      {sent !== null && (
        <CommandStatus
          seq={sent}
          type="issueNotice"
          applied={() => <p>{t('disconnection.issued')}</p>}
        />
      )}
    </section>
  );
}
