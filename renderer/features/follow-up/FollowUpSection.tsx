import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountCase, AccountLetter, AccountTask } from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
import { caseKinds, caseUrgency, getFollowUpSettings } from '../../../shared/follow-up';
import { readableCode } from '../../../shared/i18n';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { dateField, dollarsField, firstError, textField } from '../calculators/fields';
import {
  ActionError,
  CommandStatus,
  InputField,
  SelectField,
  TextAreaField,
} from '../calculators/kit';
import { OPEN_CASE_FORM } from './ids';

const contacts = ['phone', 'email', 'mail'] as const;
const resolutions = ['upheld', 'partly-upheld', 'denied', 'withdrawn', 'answered'] as const;
const taskKinds = [
  'callback',
  'payment-check',
  'certificate-expiring',
  'promise-due',
  'other',
] as const;

/** A team's name in the screen's language (the board's names), or its code read as words. */
function teamName(t: (k: string, o?: Record<string, unknown>) => string, team: string): string {
  return t(`board:teams.names.${team}`, { defaultValue: readableCode(team) });
}

/** Today where the desk is: the day a new task may first be due, and the day cases are judged on. */
function today() {
  return Temporal.Now.plainDateISO();
}

/**
 * The account's follow-up: its cases (open one, add notes, a lead closes it with its resolution
 * and letter), its tasks (add one, complete it) and its letters. Every change is a command
 * through the outbox; the server sets due dates, owners and teams.
 */
export function FollowUpSection() {
  const detail = useAppStore((s) => s.view?.detail);
  if (!detail) return null;
  return (
    <div className="follow-up">
      <CasesPart cases={detail.cases} letters={detail.letters} />
      <TasksPart tasks={detail.tasks} />
      <LettersPart letters={detail.letters} />
    </div>
  );
}

function CasesPart({ cases, letters }: { cases: AccountCase[]; letters: AccountLetter[] }) {
  const { t } = useTranslation('followUp');
  return (
    <section aria-labelledby="cases-title">
      <h3 id="cases-title">{t('cases.title')}</h3>
      <OpenCaseForm />
      {cases.length === 0 ? (
        <p className="muted">{t('cases.none')}</p>
      ) : (
        <ul className="case-list">
          {cases.map((c) => (
            <CaseItem key={c.id} c={c} letters={letters.filter((l) => l.caseId === c.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OpenCaseForm() {
  const { t } = useTranslation('followUp');
  const f = useFormat();
  const view = useAppStore((s) => s.view)!;
  const submit = useAppStore((s) => s.submitCommand);
  const bills = view.detail?.bills ?? [];
  const settings = getFollowUpSettings(view.header.utilityId);
  const [kind, setKind] = useState<(typeof caseKinds)[number]>('complaint');
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState<(typeof contacts)[number]>('phone');
  const [language, setLanguage] = useState<'en' | 'es'>(view.header.language);
  const [billId, setBillId] = useState(bills[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [tried, setTried] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  const bill = bills.find((b) => b.id === billId);
  const text = textField(description, { min: 1, max: 4000 });
  const disputed =
    kind === 'dispute'
      ? dollarsField(amount, { required: true, min: 1, max: bill?.totalCents ?? 0 })
      : null;
  const error = firstError(text, ...(disputed ? [disputed] : []));
  const due = settings ? today().add({ days: settings.caseDueDays[kind].days }).toString() : null;
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (error || (kind === 'dispute' && !bill)) return;
    const item = await submit({
      type: 'openCase',
      accountNumber: view.header.number,
      kind,
      description: text.value!,
      billId: kind === 'dispute' ? billId : null,
      disputedCents: kind === 'dispute' ? (disputed?.value ?? 0) : 0,
      preferredContact: contact,
      language,
      documents: [],
    });
    if (item) {
      setSeq(item.seq);
      setDescription('');
      setAmount('');
      setTried(false);
    }
  };
  return (
    <form
      id={OPEN_CASE_FORM}
      className="case-open"
      aria-labelledby="case-open-title"
      onSubmit={onSubmit}
      noValidate
    >
      <h4 id="case-open-title">{t('cases.open')}</h4>
      <SelectField
        label={t('cases.kind')}
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        hint={
          due && settings
            ? t('cases.dueHint', {
                date: f.date(due, 'long'),
                days: settings.caseDueDays[kind].days,
                kind: t(`cases.kinds.${kind}`).toLocaleLowerCase(f.locale),
              })
            : undefined
        }
      >
        {caseKinds.map((k) => (
          <option key={k} value={k}>
            {t(`cases.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('cases.description')}
        rows={3}
        maxLength={4000}
        value={description}
        onChange={setDescription}
        error={tried && text.error ? { key: 'followUp:cases.required' } : undefined}
      />
      {kind === 'dispute' && (
        <>
          <SelectField label={t('cases.bill')} value={billId} onChange={setBillId}>
            {bills.map((b) => (
              <option key={b.id} value={b.id}>
                {t('cases.billOption', {
                  period: `${f.date(b.periodFrom)} – ${f.date(b.periodTo)}`,
                  total: f.money(b.totalCents),
                })}
              </option>
            ))}
          </SelectField>
          <InputField
            label={t('cases.disputed')}
            hint={t('cases.disputedHint')}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            error={tried && disputed?.error ? disputed.error : undefined}
          />
        </>
      )}
      <SelectField
        label={t('cases.preferredContact')}
        value={contact}
        onChange={(v) => setContact(v as typeof contact)}
      >
        {contacts.map((c) => (
          <option key={c} value={c}>
            {t(`cases.contacts.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('cases.language')}
        value={language}
        onChange={(v) => setLanguage(v as 'en' | 'es')}
      >
        {(['en', 'es'] as const).map((l) => (
          <option key={l} value={l}>
            {t(`account:languages.${l}`)}
          </option>
        ))}
      </SelectField>
      <div className="panel-actions">
        <button type="submit" className="primary">
          {t('cases.submit')}
        </button>
      </div>
      <ActionError />
      {seq !== null && (
        <CommandStatus
          seq={seq}
          type="openCase"
          applied={(r) => (
            <p className="success">{t('cases.opened', { date: f.date(r.dueOn, 'long') })}</p>
          )}
        />
      )}
    </form>
  );
}

function CaseItem({ c, letters }: { c: AccountCase; letters: AccountLetter[] }) {
  const { t } = useTranslation('followUp');
  const f = useFormat();
  const utilityId = useAppStore((s) => s.view?.header.utilityId ?? '');
  const settings = getFollowUpSettings(utilityId);
  const urgency = c.status !== 'closed' && settings ? caseUrgency(settings, c, today()) : null;
  const titleId = `case-${c.id}`;
  return (
    <li className={`case ${c.status}`} aria-labelledby={titleId}>
      <h4 id={titleId}>
        {t('cases.summary', {
          kind: t(`cases.kinds.${c.kind}`),
          opened: f.date(c.openedOn),
          due: f.date(c.dueOn),
        })}{' '}
        <span className="badge info">{t(`cases.status.${c.status}`)}</span>{' '}
        {urgency && urgency !== 'on-time' && (
          <span className={`badge ${urgency === 'overdue' ? 'danger' : 'warn'}`}>
            {t(`cases.urgency.${urgency}`)}
          </span>
        )}
      </h4>
      <p>{c.description}</p>
      <p className="muted small">
        {t('cases.owner', { name: c.ownerName, team: teamName(t, c.team) })} ·{' '}
        {t(`cases.contacts.${c.preferredContact}`)} · {t(`account:languages.${c.language}`)}
      </p>
      {c.kind === 'dispute' && c.status !== 'closed' && c.disputedCents > 0 && (
        <p className="notice small">{t('cases.held', { amount: f.money(c.disputedCents) })}</p>
      )}
      {c.notes.length > 0 && (
        <>
          <h5>{t('cases.notes')}</h5>
          <ul className="case-notes">
            {c.notes.map((n) => (
              <li key={n.id}>
                <span className="muted small">
                  {n.authorName}, {f.dateTime(n.createdAt)}:
                </span>{' '}
                {n.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.status === 'closed' ? (
        <p className="success">
          {t('cases.closed', {
            date: f.date(c.closedOn ?? c.dueOn),
            resolution: c.resolution ? t(`cases.resolutions.${c.resolution}`) : '',
            text: c.resolutionText ?? '',
          })}
        </p>
      ) : (
        <>
          <CaseNoteForm c={c} />
          <CloseCaseForm c={c} letters={letters} />
        </>
      )}
    </li>
  );
}

function CaseNoteForm({ c }: { c: AccountCase }) {
  const { t } = useTranslation('followUp');
  const number = useAppStore((s) => s.view?.header.number ?? '');
  const submit = useAppStore((s) => s.submitCommand);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  const parsed = textField(text, { min: 1, max: 4000 });
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (parsed.error) return;
    const item = await submit({
      type: 'addCaseNote',
      accountNumber: number,
      caseId: c.id,
      text: parsed.value,
      documents: [],
    });
    if (item) {
      setSeq(item.seq);
      setText('');
      setTried(false);
    }
  };
  return (
    <form className="case-note" onSubmit={onSubmit} noValidate>
      <TextAreaField
        label={t('cases.note')}
        rows={2}
        maxLength={4000}
        value={text}
        onChange={setText}
        error={tried && parsed.error ? { key: 'followUp:cases.noteRequired' } : undefined}
      />
      <button type="submit">{t('cases.noteSubmit')}</button>
      {seq !== null && (
        <CommandStatus seq={seq} type="addCaseNote" applied={() => <p>{t('cases.noted')}</p>} />
      )}
    </form>
  );
}

function CloseCaseForm({ c, letters }: { c: AccountCase; letters: AccountLetter[] }) {
  const { t } = useTranslation('followUp');
  const f = useFormat();
  const role = useAppStore((s) => s.session?.principal?.role ?? 'agent');
  const number = useAppStore((s) => s.view?.header.number ?? '');
  const close = useAppStore((s) => s.closeCase);
  const [resolution, setResolution] = useState<(typeof resolutions)[number]>('answered');
  const [text, setText] = useState('');
  const [letterId, setLetterId] = useState(letters[0]?.id ?? '');
  const [tried, setTried] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  if (role === 'agent') return <p className="muted small">{t('cases.closeOnlyLead')}</p>;
  const parsed = textField(text, { min: 1, max: 4000 });
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (parsed.error) return;
    const item = await close({
      accountNumber: number,
      caseId: c.id,
      resolution,
      resolutionText: parsed.value,
      letterId: letterId || null,
    });
    if (item) setSeq(item.seq);
  };
  return (
    <form className="case-close" aria-labelledby={`close-${c.id}`} onSubmit={onSubmit} noValidate>
      <h5 id={`close-${c.id}`}>{t('cases.close')}</h5>
      <SelectField
        label={t('cases.resolution')}
        value={resolution}
        onChange={(v) => setResolution(v as typeof resolution)}
      >
        {resolutions.map((r) => (
          <option key={r} value={r}>
            {t(`cases.resolutions.${r}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('cases.resolutionText')}
        rows={2}
        maxLength={4000}
        value={text}
        onChange={setText}
        error={tried && parsed.error ? { key: 'followUp:cases.resolutionRequired' } : undefined}
      />
      <SelectField label={t('cases.letter')} value={letterId} onChange={setLetterId}>
        <option value="">{t('cases.noLetter')}</option>
        {letters.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title} ({f.date(l.createdAt)})
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary">
        {t('cases.closeSubmit')}
      </button>
      {seq !== null && (
        <CommandStatus seq={seq} type="closeCase" applied={() => <p>{t('cases.closedNow')}</p>} />
      )}
    </form>
  );
}

function TasksPart({ tasks }: { tasks: AccountTask[] }) {
  const { t } = useTranslation('followUp');
  return (
    <section aria-labelledby="tasks-title">
      <h3 id="tasks-title">{t('tasks.title')}</h3>
      <AddTaskForm />
      {tasks.length === 0 ? (
        <p className="muted">{t('tasks.none')}</p>
      ) : (
        <ul className="task-list">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddTaskForm() {
  const { t } = useTranslation('followUp');
  const number = useAppStore((s) => s.view?.header.number ?? '');
  const principal = useAppStore((s) => s.session?.principal);
  const submit = useAppStore((s) => s.submitCommand);
  const [kind, setKind] = useState<(typeof taskKinds)[number]>('callback');
  const [forTeam, setForTeam] = useState(false);
  const [dueOn, setDueOn] = useState(today().toString());
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  const due = dateField(dueOn, { notBefore: today() });
  const team = principal?.team ?? null;
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (due.error || !principal) return;
    const item = await submit({
      type: 'createTask',
      accountNumber: number,
      kind,
      assignee: forTeam && team ? { team } : { userId: principal.userId },
      dueOn: due.value,
      note: note.trim(),
    });
    if (item) {
      setSeq(item.seq);
      setNote('');
      setTried(false);
    }
  };
  return (
    <form className="task-add" aria-labelledby="task-add-title" onSubmit={onSubmit} noValidate>
      <h4 id="task-add-title">{t('tasks.add')}</h4>
      <SelectField label={t('tasks.kind')} value={kind} onChange={(v) => setKind(v as typeof kind)}>
        {taskKinds.map((k) => (
          <option key={k} value={k}>
            {t(`tasks.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('tasks.assignee')}
        value={forTeam ? 'team' : 'me'}
        onChange={(v) => setForTeam(v === 'team')}
      >
        <option value="me">{t('tasks.me')}</option>
        {team && <option value="team">{t('tasks.team', { team: teamName(t, team) })}</option>}
      </SelectField>
      <InputField
        label={t('tasks.dueOn')}
        type="date"
        value={dueOn}
        onChange={setDueOn}
        error={tried && due.error ? { key: 'followUp:tasks.pastDue' } : undefined}
      />
      <TextAreaField
        label={t('tasks.note')}
        rows={2}
        maxLength={2000}
        value={note}
        onChange={setNote}
      />
      <button type="submit">{t('tasks.submit')}</button>
      {seq !== null && (
        <CommandStatus seq={seq} type="createTask" applied={() => <p>{t('tasks.created')}</p>} />
      )}
    </form>
  );
}

/** One task: what, for whom, by when; an open one is done or cancelled with what came of it. */
export function TaskItem({
  task,
  showAccount,
}: {
  task: AccountTask;
  showAccount?: React.ReactNode;
}) {
  const { t } = useTranslation('followUp');
  const f = useFormat();
  const submit = useAppStore((s) => s.submitCommand);
  const [outcome, setOutcome] = useState('');
  const [tried, setTried] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  const parsed = textField(outcome, { min: 1, max: 2000 });
  const overdue = task.status === 'open' && task.dueOn < today().toString();
  const complete = async (status: 'done' | 'cancelled') => {
    setTried(true);
    if (parsed.error) return;
    const item = await submit({
      type: 'completeTask',
      accountNumber: task.accountNumber,
      taskId: task.id,
      status,
      outcome: parsed.value,
    });
    if (item) setSeq(item.seq);
  };
  const titleId = `task-${task.id}`;
  return (
    <li className={`task ${task.status}`} aria-labelledby={titleId}>
      <h4 id={titleId}>
        {t(`tasks.kinds.${task.kind}`)} · {t('tasks.due', { date: f.date(task.dueOn) })}{' '}
        <span className="badge info">{t(`tasks.status.${task.status}`)}</span>{' '}
        {overdue && <span className="badge danger">{t('mine.overdue')}</span>}
      </h4>
      {showAccount}
      <p className="muted small">
        {t('tasks.forWhom', {
          who: task.assigneeName ?? (task.team ? teamName(t, task.team) : ''),
        })}
        {task.note ? ` · ${task.note}` : ''}
      </p>
      {task.status !== 'open' ? (
        task.outcome && <p>{task.outcome}</p>
      ) : seq !== null ? (
        <CommandStatus
          seq={seq}
          type="completeTask"
          applied={() => <p>{t('tasks.completed')}</p>}
        />
      ) : (
        <div className="task-complete">
          <InputField
            label={t('tasks.outcome')}
            value={outcome}
            onChange={setOutcome}
            maxLength={2000}
            error={tried && parsed.error ? { key: 'followUp:tasks.outcomeRequired' } : undefined}
          />
          <div className="panel-actions">
            <button type="button" className="primary" onClick={() => void complete('done')}>
              {t('tasks.done')}
            </button>
            <button type="button" onClick={() => void complete('cancelled')}>
              {t('tasks.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function LettersPart({ letters }: { letters: AccountLetter[] }) {
  const { t } = useTranslation('followUp');
  const f = useFormat();
  return (
    <section aria-labelledby="letters-title">
      <h3 id="letters-title">{t('letters.title')}</h3>
      {letters.length === 0 ? (
        <p className="muted">{t('letters.none')}</p>
      ) : (
        <ul className="letter-list">
          {letters.map((l) => (
            <li key={l.id}>
              {t('letters.line', {
                title: l.title,
                delivery: t(`letters.deliveries.${l.delivery}`),
                status: t(`letters.statuses.${l.status}`),
                date: f.date(l.createdAt),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
