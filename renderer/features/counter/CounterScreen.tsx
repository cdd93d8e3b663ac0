import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppLocale } from '../../../shared/i18n/format';
import { formatMoney } from '../../../shared/i18n/format';
import type { CounterCommand, CounterDrawer } from '../../../shared/ipc';
import { IpcFailure } from '../../../shared/ipc/failure';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { parseDollars } from '../../../shared/money';
import { DENOMINATIONS, DRAWER_TENDERS } from '../../../shared/payments/drawer';
import { call } from '../../bridge';
import { useAppStore } from '../../store';

type Notice = { kind: 'done' | 'error'; key: string; params?: Record<string, unknown> };

function refusal(err: unknown): Notice {
  if (err instanceof IpcFailure) {
    const d = err.error.details;
    return {
      kind: 'error',
      key: err.error.messageKey,
      params: d && typeof d === 'object' ? (d as Record<string, unknown>) : {},
    };
  }
  return { kind: 'error', key: 'errors:internal' };
}

function useMoney() {
  const { i18n } = useTranslation();
  const locale = (i18n.language === 'es' ? 'es' : 'en') as AppLocale;
  return (cents: number) => formatMoney(cents, locale);
}

/**
 * The walk-in counter: a cashier opens their drawer with its float, takes payments into it, sees
 * what it should hold by tender, counts it and closes it (a difference needs a reason, the CIS
 * refuses what a cashier may not close). A lead also sees every open drawer, voids a payment and
 * reopens a drawer, each with a reason. Every change is a command the CIS checks and audits.
 */
export default function CounterScreen({ onClose }: { onClose?: () => void }) {
  const { t } = useTranslation('counter');
  const principal = useAppStore((s) => s.session?.principal ?? null);
  const lead = principal != null && roleAtLeast(principal.role, 'lead');
  const [mine, setMine] = useState<CounterDrawer[] | null>(null);
  const [open, setOpen] = useState<CounterDrawer[]>([]);
  const [utilities, setUtilities] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);

  const load = useCallback(async () => {
    try {
      const own = await call('counter.drawers', {});
      setUtilities(own.counterUtilities);
      setMine(own.drawers.filter((d) => d.cashier === principal?.userId));
      if (lead) setOpen((await call('counter.drawers', { status: 'open' })).drawers);
    } catch (err) {
      setNotice(refusal(err));
    }
  }, [lead, principal?.userId]);
  useEffect(() => {
    void load();
  }, [load]);

  const send = async (command: CounterCommand, done: Notice): Promise<boolean> => {
    try {
      const { result } = await call('counter.command', { command });
      setNotice({ ...done, params: { ...result, ...done.params } });
      await load();
      return true;
    } catch (err) {
      setNotice(refusal(err));
      return false;
    }
  };

  const drawer = mine?.find((d) => d.status === 'open') ?? null;
  return (
    <section className="counter" aria-labelledby="counter-title">
      <header className="counter-head">
        <h1 id="counter-title">{t('desk.title')}</h1>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('desk.back')}
          </button>
        )}
      </header>
      <p role="status" aria-live="polite" className={notice?.kind === 'error' ? 'error' : ''}>
        {notice ? t(notice.key, notice.params as Record<string, string>) : ''}
      </p>
      {mine === null ? null : drawer ? (
        <>
          <PaymentForm drawer={drawer} send={send} />
          <Totals drawer={drawer} />
          <CountForm drawer={drawer} send={send} />
        </>
      ) : (
        <OpenForm utilities={utilities} send={send} />
      )}
      {lead && <LeadTools drawers={open} send={send} />}
    </section>
  );
}

type Send = (command: CounterCommand, done: Notice) => Promise<boolean>;

function OpenForm({ utilities, send }: { utilities: string[]; send: Send }) {
  const { t } = useTranslation('counter');
  const [utility, setUtility] = useState('');
  const [float, setFloat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = utility || utilities[0] || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const floatCents = parseDollars(float);
    if (floatCents === null || floatCents < 0 || floatCents > 1_000_000)
      return setProblem('desk.problems.float');
    setProblem(null);
    await send(
      { type: 'openDrawer', utilityId: chosen, floatCents },
      { kind: 'done', key: 'desk.opened' },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="counter-open">
      <h2 id="counter-open">{t('desk.open.title')}</h2>
      <label className="field">
        <span>{t('desk.open.utility')}</span>
        <select value={chosen} onChange={(e) => setUtility(e.target.value)}>
          {utilities.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('desk.open.float')}</span>
        <input
          inputMode="decimal"
          value={float}
          onChange={(e) => setFloat(e.target.value)}
          aria-invalid={problem ? true : undefined}
        />
      </label>
      {problem && <p className="error">{t(problem)}</p>}
      <button type="submit" disabled={!chosen}>
        {t('desk.open.submit')}
      </button>
    </form>
  );
}

type Tender = 'cash' | 'check' | 'money-order';

function PaymentForm({ drawer, send }: { drawer: CounterDrawer; send: Send }) {
  const { t } = useTranslation('counter');
  const [account, setAccount] = useState('');
  const [tender, setTender] = useState<Tender>('cash');
  const [number, setNumber] = useState('');
  const [issuer, setIssuer] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amountCents = parseDollars(amount);
    const accountNumber = account.trim().toUpperCase();
    if (!/^[A-Z0-9-]{4,20}$/.test(accountNumber)) return setProblem('desk.problems.account');
    if (amountCents === null || amountCents <= 0 || amountCents > 100_000_000)
      return setProblem('desk.problems.amount');
    if (tender === 'check' && (!/^\d{1,10}$/.test(number) || issuer.trim().length < 2))
      return setProblem('desk.problems.check');
    if (tender === 'money-order' && (!/^\d{4,20}$/.test(number) || issuer.trim().length < 2))
      return setProblem('desk.problems.moneyOrder');
    setProblem(null);
    const done = await send(
      {
        type: 'postPayment',
        accountNumber,
        amountCents,
        channel: 'counter',
        drawerId: drawer.drawerId,
        tender:
          tender === 'cash'
            ? { kind: 'cash' }
            : tender === 'check'
              ? { kind: 'check', checkNumber: number, bank: issuer.trim() }
              : { kind: 'money-order', serialNumber: number, issuer: issuer.trim() },
      },
      { kind: 'done', key: 'desk.pay.taken' },
    );
    if (done) {
      setAccount('');
      setAmount('');
      setNumber('');
      setIssuer('');
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="counter-pay">
      <h2 id="counter-pay">{t('desk.pay.title', { drawerId: drawer.drawerId })}</h2>
      <label className="field">
        <span>{t('desk.pay.account')}</span>
        <input value={account} onChange={(e) => setAccount(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('desk.pay.tender')}</span>
        <select value={tender} onChange={(e) => setTender(e.target.value as Tender)}>
          <option value="cash">{t('report.cash')}</option>
          <option value="check">{t('desk.pay.check')}</option>
          <option value="money-order">{t('desk.pay.moneyOrder')}</option>
        </select>
      </label>
      {tender !== 'cash' && (
        <>
          <label className="field">
            <span>{t(tender === 'check' ? 'desk.pay.checkNumber' : 'desk.pay.serial')}</span>
            <input inputMode="numeric" value={number} onChange={(e) => setNumber(e.target.value)} />
          </label>
          <label className="field">
            <span>{t(tender === 'check' ? 'desk.pay.bank' : 'desk.pay.issuer')}</span>
            <input value={issuer} onChange={(e) => setIssuer(e.target.value)} />
          </label>
        </>
      )}
      <label className="field">
        <span>{t('desk.pay.amount')}</span>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      {problem && <p className="error">{t(problem)}</p>}
      <button type="submit">{t('desk.pay.submit')}</button>
    </form>
  );
}

function Totals({ drawer }: { drawer: CounterDrawer }) {
  const { t } = useTranslation('counter');
  const money = useMoney();
  return (
    <section className="card" aria-labelledby="counter-totals">
      <h2 id="counter-totals">{t('desk.totals.title')}</h2>
      <table>
        <caption>{t('desk.totals.caption', { float: money(drawer.floatCents) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.tender')}</th>
            <th scope="col">{t('report.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {DRAWER_TENDERS.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`report.${k}`)}</th>
              <td>{money(drawer.expected[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What the cashier counted, beside what the drawer should hold: cash by piece, checks listed. */
export function countedOf(
  drawer: CounterDrawer,
  pieces: Record<number, string>,
  present: Record<string, boolean>,
) {
  const cash = DENOMINATIONS.map((d) => ({
    denominationCents: d,
    count: Number.parseInt(pieces[d] ?? '', 10) || 0,
  })).filter((r) => r.count > 0);
  const live = drawer.entries.filter((e) => !e.voided && present[e.receiptNumber] !== false);
  const checks = live
    .filter((e) => e.tender === 'check')
    .map((e) => ({
      checkNumber: e.detail.checkNumber ?? '',
      bank: e.detail.bank ?? '',
      amountCents: e.amountCents,
    }));
  const moneyOrders = live
    .filter((e) => e.tender === 'money-order')
    .map((e) => ({
      serialNumber: e.detail.serialNumber ?? '',
      issuer: e.detail.issuer ?? '',
      amountCents: e.amountCents,
    }));
  const counted = {
    cash: cash.reduce((s, r) => s + r.denominationCents * r.count, 0),
    check: checks.reduce((s, c) => s + c.amountCents, 0),
    'money-order': moneyOrders.reduce((s, c) => s + c.amountCents, 0),
    card: drawer.expected.card,
  };
  return { count: { cash, checks, moneyOrders }, counted };
}

function CountForm({ drawer, send }: { drawer: CounterDrawer; send: Send }) {
  const { t } = useTranslation('counter');
  const money = useMoney();
  const [pieces, setPieces] = useState<Record<number, string>>({});
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { count, counted } = useMemo(
    () => countedOf(drawer, pieces, present),
    [drawer, pieces, present],
  );
  const overShort = DRAWER_TENDERS.reduce((s, k) => s + counted[k] - drawer.expected[k], 0);
  const differs = DRAWER_TENDERS.some((k) => counted[k] !== drawer.expected[k]);
  const items = drawer.entries.filter(
    (e) => !e.voided && e.tender !== 'cash' && e.tender !== 'card',
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (differs && reason.trim().length < 3) return setProblem('desk.problems.reason');
    setProblem(null);
    await send(
      {
        type: 'closeDrawer',
        drawerId: drawer.drawerId,
        count,
        ...(differs ? { reason: reason.trim() } : {}),
      },
      { kind: 'done', key: 'desk.count.closed', params: { drawerId: drawer.drawerId } },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="counter-count">
      <h2 id="counter-count">{t('desk.count.title')}</h2>
      <fieldset>
        <legend>{t('desk.count.cash')}</legend>
        {DENOMINATIONS.map((d) => (
          <label key={d} className="field-inline">
            <span>{t('desk.count.pieces', { denomination: money(d) })}</span>
            <input
              inputMode="numeric"
              size={5}
              value={pieces[d] ?? ''}
              onChange={(e) => setPieces({ ...pieces, [d]: e.target.value.replace(/\D/g, '') })}
            />
          </label>
        ))}
      </fieldset>
      {items.length > 0 && (
        <fieldset>
          <legend>{t('desk.count.items')}</legend>
          {items.map((e) => (
            <label key={e.receiptNumber} className="field-inline">
              <input
                type="checkbox"
                checked={present[e.receiptNumber] !== false}
                onChange={(ev) => setPresent({ ...present, [e.receiptNumber]: ev.target.checked })}
              />
              <span>
                {t(e.tender === 'check' ? 'desk.count.checkItem' : 'desk.count.moneyOrderItem', {
                  number: e.detail.checkNumber ?? e.detail.serialNumber ?? '',
                  bank: e.detail.bank ?? e.detail.issuer ?? '',
                  amount: money(e.amountCents),
                })}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <table>
        <caption>{t('desk.count.balance')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.tender')}</th>
            <th scope="col">{t('report.expected')}</th>
            <th scope="col">{t('report.counted')}</th>
            <th scope="col">{t('report.overShort')}</th>
          </tr>
        </thead>
        <tbody>
          {DRAWER_TENDERS.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`report.${k}`)}</th>
              <td>{money(drawer.expected[k])}</td>
              <td>{money(counted[k])}</td>
              <td>{money(counted[k] - drawer.expected[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {overShort === 0 && !differs
          ? t('desk.count.balanced')
          : t(overShort < 0 ? 'desk.count.short' : 'desk.count.over', {
              amount: money(Math.abs(overShort)),
            })}
      </p>
      {differs && (
        <label className="field">
          <span>{t('desk.count.reason')}</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {problem && <p className="error">{t(problem)}</p>}
      <button type="submit">{t('desk.count.submit')}</button>
    </form>
  );
}

function LeadTools({ drawers, send }: { drawers: CounterDrawer[]; send: Send }) {
  const { t } = useTranslation('counter');
  const money = useMoney();
  const [account, setAccount] = useState('');
  const [receipt, setReceipt] = useState('');
  const [voidReason, setVoidReason] = useState('');
  const [drawerId, setDrawerId] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const voidIt = async (e: FormEvent) => {
    e.preventDefault();
    const accountNumber = account.trim().toUpperCase();
    const receiptNumber = receipt.trim().toUpperCase();
    if (!/^[A-Z0-9-]{4,20}$/.test(accountNumber)) return setProblem('desk.problems.account');
    if (!/^[A-Z]{1,4}-\d{8}$/.test(receiptNumber)) return setProblem('desk.problems.receipt');
    if (voidReason.trim().length < 3) return setProblem('desk.problems.reason');
    setProblem(null);
    const done = await send(
      { type: 'voidPayment', accountNumber, receiptNumber, reason: voidReason.trim() },
      { kind: 'done', key: 'desk.lead.voided', params: { receiptNumber } },
    );
    if (done) setVoidReason('');
  };
  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    const id = drawerId.trim().toUpperCase();
    if (!/^[A-Z]{1,4}-\d{8}-\d{2,4}$/.test(id)) return setProblem('desk.problems.drawer');
    if (reopenReason.trim().length < 3) return setProblem('desk.problems.reason');
    setProblem(null);
    const done = await send(
      { type: 'reopenDrawer', drawerId: id, reason: reopenReason.trim() },
      { kind: 'done', key: 'desk.lead.reopened', params: { drawerId: id } },
    );
    if (done) setReopenReason('');
  };
  return (
    <section className="card" aria-labelledby="counter-lead">
      <h2 id="counter-lead">{t('desk.lead.title')}</h2>
      <table>
        <caption>{t('desk.lead.open')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.drawer')}</th>
            <th scope="col">{t('report.cashier')}</th>
            <th scope="col">{t('desk.lead.day')}</th>
            <th scope="col">{t('report.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {drawers.map((d) => (
            <tr key={d.drawerId}>
              <th scope="row">{d.drawerId}</th>
              <td>{d.cashier}</td>
              <td>{d.businessDay}</td>
              <td>{money(DRAWER_TENDERS.reduce((s, k) => s + d.expected[k], 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {drawers.length === 0 && <p>{t('desk.lead.none')}</p>}
      <form onSubmit={voidIt} noValidate aria-labelledby="counter-void">
        <h3 id="counter-void">{t('desk.lead.void')}</h3>
        <label className="field">
          <span>{t('desk.pay.account')}</span>
          <input value={account} onChange={(e) => setAccount(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('desk.lead.receipt')}</span>
          <input value={receipt} onChange={(e) => setReceipt(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('desk.lead.voidReason')}</span>
          <textarea value={voidReason} onChange={(e) => setVoidReason(e.target.value)} />
        </label>
        <button type="submit">{t('desk.lead.voidSubmit')}</button>
      </form>
      <form onSubmit={reopen} noValidate aria-labelledby="counter-reopen">
        <h3 id="counter-reopen">{t('desk.lead.reopen')}</h3>
        <label className="field">
          <span>{t('report.drawer')}</span>
          <input value={drawerId} onChange={(e) => setDrawerId(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('desk.lead.reopenReason')}</span>
          <textarea value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
        </label>
        <button type="submit">{t('desk.lead.reopenSubmit')}</button>
      </form>
      {problem && <p className="error">{t(problem)}</p>}
    </section>
  );
}
