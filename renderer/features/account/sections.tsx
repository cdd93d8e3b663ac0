import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import { formatDuration } from '../../../shared/i18n/format';
import { currentCallId } from '../../../shared/telephony/machine';
import { useAppStore } from '../../store';
import { billSentences, lineDescription } from './bill-explain';
import { useFormat } from './format';
import { NOTE_ERROR_ID, NOTE_INPUT_ID } from './ids';
import { refusalText } from './reason';

function useDetail() {
  const view = useAppStore((s) => s.view)!;
  return { header: view.header, detail: view.detail!, utility: view.utility };
}

export function BillsSection() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const { detail, utility } = useDetail();
  const [open, setOpen] = useState<string | null>(detail.bills[0]?.id ?? null);
  const [readIn, setReadIn] = useState<'en' | 'es' | null>(null);
  if (!detail.bills.length) return <p className="muted">{t('bills.none')}</p>;
  return (
    <table className="data bills">
      <caption className="visually-hidden">{t('tabs.bills')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bills.period')}</th>
          <th scope="col">{t('bills.usage')}</th>
          <th scope="col">{t('bills.due')}</th>
          <th scope="col" className="num">
            {t('bills.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {detail.bills.map((bill) => {
          const expanded = open === bill.id;
          const explainLocale = readIn ?? f.locale;
          return (
            <BillRows key={bill.id}>
              <tr>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-expanded={expanded}
                    onClick={() => setOpen(expanded ? null : bill.id)}
                  >
                    {f.date(bill.periodFrom)} – {f.date(bill.periodTo)}
                  </button>
                  {bill.estimated && <span className="badge warn">{t('bills.estimated')}</span>}
                </td>
                <td>
                  {f.number(bill.usage)} {f.unit(bill.unit)}
                </td>
                <td>{f.date(bill.dueOn)}</td>
                <td className="num">{f.money(bill.totalCents)}</td>
              </tr>
              {expanded && (
                <tr className="expanded">
                  <td colSpan={4}>
                    <LinesTable
                      caption={t('bills.lines')}
                      lines={bill.lines.map((line, i) => ({
                        ...line,
                        description: lineDescription(bill, i, utility, f.locale),
                      }))}
                    />
                    <h3>{t('bills.explain')}</h3>
                    <div className="read-in">
                      {(['en', 'es'] as const).map((l) => (
                        <button
                          key={l}
                          type="button"
                          aria-pressed={explainLocale === l}
                          onClick={() => setReadIn(l)}
                        >
                          {t('bills.explainIn', { language: t(`languageInSentence.${l}`) })}
                        </button>
                      ))}
                    </div>
                    <ol className="explanation" lang={explainLocale}>
                      {billSentences(bill, utility, explainLocale).map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ol>
                  </td>
                </tr>
              )}
            </BillRows>
          );
        })}
      </tbody>
    </table>
  );
}

/** The lines of a bill: what each is, the quantity, the rate and the amount. */
export function LinesTable({
  caption,
  lines,
}: {
  caption: string;
  lines: {
    code: string;
    tier?: number;
    description: string;
    quantity: string;
    rate: string;
    amountCents: number;
  }[];
}) {
  const f = useFormat();
  return (
    <table className="data lines">
      <caption>{caption}</caption>
      <tbody>
        {lines.map((line) => (
          <tr
            key={`${line.code}-${line.tier ?? 0}-${line.quantity}-${line.rate}-${line.amountCents}`}
          >
            <td>{line.description}</td>
            <td className="num">{f.number(line.quantity, 3)}</td>
            <td className="num">{line.rate}</td>
            <td className="num">{f.money(line.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BillRows({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}

export function PaymentsSection() {
  const { t } = useTranslation('account');
  const { detail } = useDetail();
  return (
    <>
      {detail.payments.length ? <PaymentsTable /> : <p className="muted">{t('payments.none')}</p>}
      <AdjustmentsTable />
    </>
  );
}

function PaymentsTable() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const { detail } = useDetail();
  return (
    <table className="data">
      <caption className="visually-hidden">{t('tabs.payments')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('payments.date')}</th>
          <th scope="col">{t('payments.tender')}</th>
          <th scope="col">{t('payments.status')}</th>
          <th scope="col" className="num">
            {t('payments.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {detail.payments.map((p) => (
          <tr key={p.id}>
            <td>{f.date(p.paidOn)}</td>
            <td>{t(`payments.tenders.${p.tender}`)}</td>
            <td>{t(`payments.statuses.${p.status}`)}</td>
            <td className="num">{f.money(p.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Credits and charges on the account, with the lead's decision on those above the agent's limit. */
function AdjustmentsTable() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const { detail } = useDetail();
  if (!detail.adjustments.length) return null;
  return (
    <table className="data">
      <caption>{t('adjustments.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('adjustments.date')}</th>
          <th scope="col">{t('adjustments.kind')}</th>
          <th scope="col">{t('adjustments.status')}</th>
          <th scope="col" className="num">
            {t('adjustments.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {detail.adjustments.map((a) => (
          <tr key={a.id}>
            <td>{f.date(a.createdAt)}</td>
            <td>
              {t(`adjustments.kinds.${a.kind}`)} <span className="muted small">{a.reason}</span>
            </td>
            <td>
              {t(`adjustments.statuses.${a.status}`)}
              {a.decisionReason && <span className="muted small"> — {a.decisionReason}</span>}
            </td>
            <td className="num">{f.money(a.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Service orders on the account, those still waiting to reach the central system first. */
export function OrdersSection() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const { detail, utility } = useDetail();
  const zone = utility?.timeZone;
  const outbox = useAppStore((s) => s.outbox);
  const waiting = outbox.filter(
    (i) => i.command.type === 'requestServiceOrder' && i.status === 'pending',
  );
  if (!detail.serviceOrders.length && !waiting.length)
    return <p className="muted">{t('orders.none')}</p>;
  return (
    <table className="data">
      <caption className="visually-hidden">{t('tabs.orders')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('orders.type')}</th>
          <th scope="col">{t('orders.priority')}</th>
          <th scope="col">{t('orders.status')}</th>
          <th scope="col">{t('orders.window')}</th>
        </tr>
      </thead>
      <tbody>
        {waiting.map((i) =>
          i.command.type === 'requestServiceOrder' ? (
            <tr key={`waiting-${i.seq}`} className="pending">
              <td>{t(`orders.types.${i.command.orderType}`)}</td>
              <td>—</td>
              <td>{t('notes.pending')}</td>
              <td>—</td>
            </tr>
          ) : null,
        )}
        {detail.serviceOrders.map((o) => (
          <tr key={o.id}>
            <td>{t(`orders.types.${o.type}`)}</td>
            <td>{t(`orders.priorities.${o.priority}`)}</td>
            <td>{t(`orders.statuses.${o.status}`)}</td>
            <td>
              {o.windowStart && o.windowEnd
                ? `${f.dateTime(o.windowStart, zone)} – ${f.time(o.windowEnd, zone)}`
                : '—'}
              {o.escalateTo.length > 0 && o.respondBy && (
                <span className="muted small">
                  {' '}
                  {t('orders.escalated', {
                    to: o.escalateTo
                      .map((e) => t(`calculators:service.escalation.${e}`))
                      .join(', '),
                    time: f.time(o.respondBy, zone),
                  })}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistorySection() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const view = useAppStore((s) => s.view)!;
  const outbox = useAppStore((s) => s.outbox);
  const addNote = useAppStore((s) => s.addNote);
  const [text, setText] = useState('');
  // "Saved" belongs to the call it was said on: the next call starts without it.
  const call = useAppStore((s) => currentCallId(s.desk));
  const [savedOn, setSavedOn] = useState<{ call: string | null } | null>(null);
  const saved = savedOn !== null && savedOn.call === call;
  const [refused, setRefused] = useState<string | null>(null);
  const detail = view.detail;
  const pendingNotes = outbox.filter((i) => i.type === 'addNote' && i.status !== 'applied');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const result = await addNote(text.trim());
    if (result.ok) {
      setText('');
      setSavedOn({ call });
      setRefused(null);
    } else {
      setRefused(result.messageKey);
    }
  };

  return (
    <div className="history">
      <form onSubmit={submit} className="note-form">
        <label className="field" htmlFor={NOTE_INPUT_ID}>
          <span>{t('notes.add')}</span>
          <textarea
            id={NOTE_INPUT_ID}
            rows={3}
            value={text}
            maxLength={4000}
            aria-invalid={refused !== null}
            aria-describedby={refused ? NOTE_ERROR_ID : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setSavedOn(null);
            }}
          />
        </label>
        {refused && (
          <p id={NOTE_ERROR_ID} className="error field-error" role="alert">
            {t(refused)}
          </p>
        )}
        <button type="submit" className="primary">
          {t('notes.save')}
        </button>
        <p className="muted" aria-live="polite">
          {saved ? t('notes.saved') : ''}
        </p>
      </form>
      <h3>{t('tabs.history')}</h3>
      <ul className="notes">
        {pendingNotes.map((item) => (
          <li
            key={`pending-${item.seq}`}
            className={item.status === 'rejected' ? 'rejected' : 'pending'}
          >
            {/* A note is the agent's words, in a language not known (und): not the screen's. */}
            <p lang="und">{item.command.type === 'addNote' ? item.command.text : ''}</p>
            <p className="muted small">
              {item.status === 'rejected'
                ? t('notes.rejected', { reason: refusalText(t, item.result, f) })
                : `${t('notes.pending')} · ${f.dateTime(item.issuedAt)}`}
            </p>
          </li>
        ))}
        {detail?.notes.map((n) => (
          <li key={n.id}>
            <p lang="und">{n.text}</p>
            <p className="muted small">
              {t('notes.by', { author: n.authorName, time: f.dateTime(n.createdAt) })}
            </p>
          </li>
        ))}
        {!pendingNotes.length && !detail?.notes.length && (
          <li className="muted">{t('notes.none')}</li>
        )}
      </ul>
      {detail && detail.interactions.length > 0 && (
        <>
          <h3>{t('notes.calls')}</h3>
          <ul className="notes">
            {detail.interactions.map((i) => (
              <li key={i.id}>
                <p>
                  {t('notes.call', {
                    reason: t(`softphone:reasons.${i.reason}`, {
                      defaultValue: readableCode(i.reason),
                    }),
                    code: t(`softphone:wrapUp.codes.${i.wrapUpCode}`, {
                      defaultValue: readableCode(i.wrapUpCode),
                    }),
                    talk: formatDuration(i.talkSeconds),
                  })}
                </p>
                <p className="muted small">{f.dateTime(i.startedAt)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function PendingSection() {
  const { t } = useTranslation('account');
  const f = useFormat();
  const outbox = useAppStore((s) => s.outbox);
  if (!outbox.length) return <p className="muted">{t('pending.none')}</p>;
  return (
    <table className="data">
      <caption>{t('pending.title')}</caption>
      <tbody>
        {outbox.map((item) => (
          <tr key={item.seq}>
            <td>{t(`pending.types.${item.type}`)}</td>
            <td>{f.dateTime(item.issuedAt)}</td>
            <td>
              {t(`pending.statuses.${item.status}`)}
              {item.status === 'rejected' && `: ${refusalText(t, item.result, f)}`}
            </td>
            <td>{item.attempts > 0 ? t('pending.attempts', { count: item.attempts }) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
