import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOf } from '../../../shared/cis';
import { collectionHolds, ruleText } from '../../../shared/collections';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { dateField } from './fields';
import {
  ActionError,
  Citation,
  CommandStatus,
  InputField,
  PanelFrame,
  type PanelProps,
  SelectField,
} from './kit';
import { prefillText } from './prefill';

const KINDS = ['bankruptcy', 'medical', 'life-support', 'sb998'] as const;
type Kind = (typeof KINDS)[number];
const RESULT_TYPE = {
  bankruptcy: 'recordBankruptcy',
  medical: 'recordMedicalCertificate',
  'life-support': 'recordLifeSupport',
  sb998: 'recordSb998Condition',
} as const;

/**
 * Protections recorded from a document at the desk: a bankruptcy case, a medical certificate,
 * life support, and where the utility weighs them California SB 998's conditions. The holds in
 * force on the account are listed first, as every disconnection decision weighs them.
 */
export function ProtectionsPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, policy, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const sb998 = policy?.disconnection.medical?.requiresFinancialInabilityAndPlan === true;
  const kinds = KINDS.filter((k) => k !== 'sb998' || sb998);
  const asked = prefillText(prefill, 'kind') as Kind;
  const [kind, setKind] = useState<Kind>(kinds.includes(asked) ? asked : 'bankruptcy');
  const [chapter, setChapter] = useState('7');
  const [caseNumber, setCaseNumber] = useState('');
  const [court, setCourt] = useState('');
  const [date, setDate] = useState('');
  const [by, setBy] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [expires, setExpires] = useState('');
  const [condition, setCondition] = useState<'financial-inability' | 'willing-to-enter-plan'>(
    'financial-inability',
  );
  const [sent, setSent] = useState<{ seq: number; kind: Kind } | null>(null);

  const holds = collectionHolds(detail, today);
  const needsDate = kind === 'bankruptcy' || kind === 'medical';
  const dateParsed = dateField(date);
  const expiresParsed = expires === '' ? null : dateField(expires);
  const missing =
    documentRef.trim() === '' ||
    (needsDate && dateParsed.error !== null) ||
    (kind === 'bankruptcy' && (caseNumber.trim() === '' || court.trim() === '')) ||
    (kind === 'medical' && by.trim() === '') ||
    (!needsDate && expiresParsed !== null && expiresParsed.error !== null);

  const command = (): CommandOf<(typeof RESULT_TYPE)[Kind]> => {
    const accountNumber = header.number;
    const ref = documentRef.trim();
    switch (kind) {
      case 'bankruptcy':
        return {
          type: 'recordBankruptcy',
          accountNumber,
          chapter: Number(chapter) as 7 | 11 | 13,
          caseNumber: caseNumber.trim(),
          court: court.trim(),
          filedOn: date,
          documentRef: ref,
        };
      case 'medical':
        return {
          type: 'recordMedicalCertificate',
          accountNumber,
          certifiedBy: by.trim(),
          certifiedOn: date,
          documentRef: ref,
        };
      case 'life-support':
        return {
          type: 'recordLifeSupport',
          accountNumber,
          documentRef: ref,
          expiresOn: expires || null,
        };
      case 'sb998':
        return {
          type: 'recordSb998Condition',
          accountNumber,
          condition,
          documentRef: ref,
          expiresOn: expires || null,
        };
    }
  };
  const record = async () => {
    const item = await submit(command());
    if (item) setSent({ seq: item.seq, kind });
  };

  return (
    <PanelFrame title={t('panels.protections.title')} intro={t('protections.intro')}>
      <section aria-label={t('protections.onFile')}>
        <h4>{t('protections.onFile')}</h4>
        {holds.length === 0 ? (
          <p className="muted">{t('protections.none')}</p>
        ) : (
          <ul className="rules">
            {holds.map((h) => (
              <li key={h.kind}>
                <span lang={f.locale}>
                  {ruleText({ messageKey: h.reasonKey, params: h.params }, f.locale, {
                    date: (d) => f.date(d, 'long'),
                  })}
                </span>{' '}
                {h.until && (
                  <span>{t('protections.until', { date: f.date(h.until, 'long') })}</span>
                )}{' '}
                {h.documentRef && (
                  <span className="muted">{t('protections.document', { ref: h.documentRef })}</span>
                )}
                <Citation citation={h.citation} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <form
        className="panel-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing) void record();
        }}
      >
        <SelectField
          label={t('protections.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v as Kind);
            setSent(null);
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`protections.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {kind === 'bankruptcy' && (
          <>
            <SelectField label={t('protections.chapter')} value={chapter} onChange={setChapter}>
              {['7', '11', '13'].map((c) => (
                <option key={c} value={c}>
                  {t('protections.chapterN', { chapter: c })}
                </option>
              ))}
            </SelectField>
            <InputField
              label={t('protections.caseNumber')}
              value={caseNumber}
              maxLength={40}
              onChange={setCaseNumber}
            />
            <InputField
              label={t('protections.court')}
              value={court}
              maxLength={120}
              onChange={setCourt}
            />
          </>
        )}
        {kind === 'medical' && (
          <InputField
            label={t('protections.certifiedBy')}
            value={by}
            maxLength={120}
            onChange={setBy}
          />
        )}
        {kind === 'sb998' && (
          <SelectField
            label={t('protections.condition')}
            value={condition}
            onChange={(v) => setCondition(v as typeof condition)}
          >
            <option value="financial-inability">
              {t('protections.conditions.financial-inability')}
            </option>
            <option value="willing-to-enter-plan">
              {t('protections.conditions.willing-to-enter-plan')}
            </option>
          </SelectField>
        )}
        {needsDate ? (
          <InputField
            label={t(kind === 'bankruptcy' ? 'protections.filedOn' : 'protections.certifiedOn')}
            hint={kind === 'bankruptcy' ? t('protections.filedOnHint') : undefined}
            type="date"
            value={date}
            error={date ? dateParsed.error : null}
            onChange={setDate}
          />
        ) : (
          <InputField
            label={t('protections.expiresOn')}
            hint={t('protections.expiresHint')}
            type="date"
            value={expires}
            error={expiresParsed?.error ?? null}
            onChange={setExpires}
          />
        )}
        <InputField
          label={t('protections.documentRef')}
          value={documentRef}
          maxLength={120}
          onChange={setDocumentRef}
        />
        <div className="panel-actions">
          <button type="submit" className="primary" disabled={missing || sent !== null}>
            {t(`protections.record.${kind}`)}
          </button>
        </div>
      </form>
      {sent && (
        <CommandStatus
          seq={sent.seq}
          type={RESULT_TYPE[sent.kind]}
          applied={() => <p>{t(`protections.done.${sent.kind}`)}</p>}
        />
      )}
      <ActionError />
    </PanelFrame>
  );
}
