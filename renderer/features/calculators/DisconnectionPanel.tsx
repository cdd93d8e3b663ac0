import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  certificateInForce,
  collectionsParagraphs,
  collectionsText,
  disconnectionAccountOf,
  disconnectionNotice,
  evaluateDisconnection,
} from '../../../shared/collections';
import type { AppLocale } from '../../../shared/i18n/format';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { dollarsField, wholeField } from './fields';
import {
  ActionError,
  CheckField,
  CommandStatus,
  copyText,
  InputField,
  LanguageChoice,
  PanelFrame,
  type PanelProps,
  RuleList,
  SelectField,
} from './kit';
import { NoDisconnectionRules } from './NoDisconnectionRules';
import { OrderBooked } from './order-result';
import { prefillChoice } from './prefill';

/**
 * Disconnection and notices: whether a shut-off may happen, with every rule and its outcome and
 * the earliest date; issuing a notice (previewed in the customer's language); scheduling the
 * field turn-off only when the rules allow (the central system checks them again); and the
 * customer's rights under the state's rule, to read or send in their language.
 */
export function DisconnectionPanel({
  ctx,
  prefill,
  focus,
}: PanelProps & { focus: 'eligibility' | 'notice' }) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const [lang, setLang] = useState<AppLocale>(
    prefillChoice(prefill, 'rightsLanguage', ['en', 'es'] as const, header.language),
  );
  const [noticeKind, setNoticeKind] = useState(
    prefillChoice(prefill, 'kind', ['disconnection', 'reminder'] as const, 'disconnection'),
  );
  const [income, setIncome] = useState('');
  const [size, setSize] = useState('');
  const [publicAssistance, setPublicAssistance] = useState(false);
  const [willing, setWilling] = useState(false);
  const [sent, setSent] = useState<{ notice?: number; shutoff?: number; rights?: number }>({});
  const [copied, setCopied] = useState(false);
  const medical = policy?.disconnection.medical;
  const asksHousehold =
    !!medical?.requiresFinancialInabilityAndPlan &&
    !!certificateInForce(detail.customer.protections, today);
  const incomeField = dollarsField(income);
  const householdField = wholeField(size, { min: 1, max: 30 });

  // The account's facts as the central system builds them from the same record.
  const facts = policy ? disconnectionAccountOf(policy, detail, today) : null;
  const screened =
    asksHousehold && incomeField.value !== null && householdField.value !== null
      ? { household: { annualIncomeCents: incomeField.value, size: householdField.value } }
      : {};
  const decision =
    policy && facts
      ? evaluateDisconnection(
          policy,
          { ...facts, ...screened, publicAssistance, willingToEnterPlan: willing },
          today,
          f.locale,
        )
      : null;
  // The notice the customer would receive if it were served today.
  const noticeDecision =
    policy && facts
      ? evaluateDisconnection(policy, { ...facts, noticeServed: today.toString() }, today)
      : null;

  if (!policy || !decision || !noticeDecision)
    return <p className="muted">{t('panel.noPolicy')}</p>;
  const notice = disconnectionNotice(
    policy,
    {
      customerName: header.name,
      accountNumber: header.number,
      serviceAddress: header.serviceAddress,
      pastDueCents: header.pastDueCents,
      earliest: noticeDecision.earliest,
    },
    lang,
  );
  const rights = [
    ...collectionsParagraphs(lang, policy.rightsKey),
    collectionsText(lang, policy.helpKey),
  ];
  const queue = async (key: keyof typeof sent, command: Parameters<typeof submit>[0]) => {
    const item = await submit(command);
    if (item) setSent((s) => ({ ...s, [key]: item.seq }));
  };
  const openNotices = detail.notices.filter((n) => n.status === 'open');
  // Life support on file is shown on its own: it holds the shut-off, or asks for a certificate.
  const lifeSupportRule = decision.rules.find(
    (r) => r.id === 'life-support' && r.outcome !== 'not-applicable',
  );
  const otherRules = decision.rules.filter((r) => r !== lifeSupportRule);
  // Without the utility's rules nothing about a shut-off is decided here: say so, offer the rest.
  const rulesLoaded = policy.disconnection.rulesGathered;

  return (
    <PanelFrame
      title={t(focus === 'notice' ? 'panels.notice.title' : 'panels.disconnection.title')}
      intro={t('disconnection.intro', {
        pastDue: f.money(header.pastDueCents),
        days: header.pastDueDays,
        count: openNotices.length,
      })}
      focusFirstField={rulesLoaded && (focus === 'notice' || asksHousehold)}
    >
      {!rulesLoaded && <NoDisconnectionRules header={header} utilityName={policy.utilityName} />}
      {rulesLoaded && (
        <section aria-labelledby="eligibility-title">
          <h4 id="eligibility-title">{t('disconnection.eligibility')}</h4>
          <p className={decision.allowed ? 'error big' : 'big'} role="status">
            {decision.allowed
              ? t('disconnection.allowed')
              : decision.earliest
                ? t('disconnection.notYet', { date: f.date(decision.earliest, 'long') })
                : t('disconnection.protected')}
          </p>
          {lifeSupportRule && (
            <div className="notice" role="note" aria-labelledby="life-support-title">
              <h5 id="life-support-title">{t('disconnection.lifeSupport')}</h5>
              <RuleList rules={[lifeSupportRule]} />
            </div>
          )}
          {asksHousehold && (
            <form className="panel-form inline" onSubmit={(e) => e.preventDefault()}>
              <InputField
                label={t('disconnection.income')}
                error={incomeField.error}
                inputMode="decimal"
                value={income}
                onChange={setIncome}
              />
              <InputField
                label={t('disconnection.household')}
                error={householdField.error}
                inputMode="numeric"
                value={size}
                onChange={setSize}
              />
              <CheckField
                label={t('disconnection.publicAssistance')}
                checked={publicAssistance}
                onChange={setPublicAssistance}
              />
              <CheckField
                label={t('disconnection.willing')}
                checked={willing}
                onChange={setWilling}
              />
            </form>
          )}
          <RuleList rules={otherRules} />
          <div className="panel-actions">
            <button
              type="button"
              className="danger"
              disabled={!decision.allowed || sent.shutoff !== undefined}
              onClick={() =>
                void queue('shutoff', {
                  type: 'requestServiceOrder',
                  accountNumber: header.number,
                  orderType: 'field-disconnect',
                  notes: t('disconnection.orderNote', { pastDue: f.money(header.pastDueCents) }),
                  // What the agent screened and the rules weighed: the server weighs it again.
                  ...(asksHousehold
                    ? {
                        screening: {
                          ...screened,
                          publicAssistance,
                          willingToEnterPlan: willing,
                        },
                      }
                    : {}),
                })
              }
            >
              {t('disconnection.schedule')}
            </button>
            {!decision.allowed && (
              <span className="muted">{t('disconnection.scheduleBlocked')}</span>
            )}
          </div>
          {sent.shutoff !== undefined && (
            <CommandStatus
              seq={sent.shutoff}
              type="requestServiceOrder"
              applied={(r) => <OrderBooked order={r} />}
            />
          )}
        </section>
      )}

      {rulesLoaded && (
        <section aria-labelledby="notice-title">
          <h4 id="notice-title">{t('disconnection.notice')}</h4>
          <LanguageChoice value={lang} onChange={setLang} label={t('disconnection.language')} />
          <div className="panel-actions">
            <SelectField
              label={t('disconnection.noticeKind')}
              value={noticeKind}
              onChange={(v) => setNoticeKind(v as typeof noticeKind)}
            >
              <option value="disconnection">{t('disconnection.kinds.disconnection')}</option>
              <option value="reminder">{t('disconnection.kinds.reminder')}</option>
            </SelectField>
            <button
              type="button"
              className="primary"
              disabled={sent.notice !== undefined || header.pastDueCents <= 0}
              onClick={() =>
                void queue('notice', {
                  type: 'issueNotice',
                  accountNumber: header.number,
                  kind: noticeKind,
                })
              }
            >
              {t('disconnection.issue')}
            </button>
            <button type="button" onClick={() => window.print()}>
              {t('disconnection.print')}
            </button>
          </div>
          {sent.notice !== undefined && (
            <CommandStatus
              seq={sent.notice}
              type="issueNotice"
              applied={(r) => (
                <p>
                  {r.earliestDisconnection
                    ? t('disconnection.issuedWithDate', {
                        date: f.date(r.earliestDisconnection, 'long'),
                      })
                    : t('disconnection.issued')}
                </p>
              )}
            />
          )}
          {noticeKind === 'disconnection' && (
            <article className="notice-text" lang={lang}>
              <h5>{notice.title}</h5>
              {notice.paragraphs.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </article>
          )}
        </section>
      )}

      <section aria-labelledby="rights-title">
        <h4 id="rights-title">
          {t('disconnection.rights', {
            language: t(`account:languageInSentence.${lang}`),
          })}
        </h4>
        <div className="rights" lang={lang}>
          {rights.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
        <div className="panel-actions">
          <button
            type="button"
            disabled={sent.rights !== undefined}
            onClick={() =>
              void queue('rights', {
                type: 'recordRightsInformed',
                accountNumber: header.number,
                language: lang,
                channel: 'read',
              })
            }
          >
            {t('disconnection.rightsRead')}
          </button>
          <button type="button" onClick={() => void copyText(rights.join('\n\n')).then(setCopied)}>
            {t('disconnection.copyRights')}
          </button>
          <span className="muted" role="status">
            {copied ? t('schedule.copied') : ''}
          </span>
        </div>
        {sent.rights !== undefined && (
          <CommandStatus
            seq={sent.rights}
            type="recordRightsInformed"
            applied={() => <p>{t('disconnection.rightsRecorded')}</p>}
          />
        )}
      </section>
      <ActionError />
    </PanelFrame>
  );
}
