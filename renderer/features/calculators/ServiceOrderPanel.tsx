import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceOrderType } from '../../../shared/cis';
import { isEmergency, type OrderPlan, planServiceOrder } from '../../../shared/service/orders';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';
import { OrdersSection } from '../account/sections';
import { dateField } from './fields';
import {
  ActionError,
  Citation,
  CommandStatus,
  InputField,
  PanelFrame,
  type PanelProps,
  SelectField,
  TextAreaField,
} from './kit';
import { OrderBooked } from './order-result';
import { prefillChoice, prefillText } from './prefill';

const ROUTINE: ServiceOrderType[] = [
  'turn-on',
  'turn-off',
  'reread',
  'meter-test',
  'leak-investigation',
];

/** How a planned order reads to the agent: its window, why the day moved, who an emergency goes to. */
export function PlanSummary({
  plan,
  timeZone,
}: {
  plan: Extract<OrderPlan, { offered: true }>;
  timeZone: string;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  return (
    <div className="plan-summary">
      <p className="big">
        {plan.priority === 'emergency'
          ? t('orders.emergencyWindow', {
              minutes: plan.respondWithinMinutes,
              end: f.time(plan.windowEnd, timeZone),
            })
          : t('orders.window', {
              day: f.date(plan.day, 'long'),
              start: f.time(plan.windowStart, timeZone),
              end: f.time(plan.windowEnd, timeZone),
            })}
      </p>
      <p>{t('orders.priority', { priority: t(`account:orders.priorities.${plan.priority}`) })}</p>
      {plan.moved && (
        <p className="notice">
          {t(`orders.moved.${plan.moved.reason}`, {
            from: f.date(plan.moved.from, 'long'),
            holiday: 'holiday' in plan.moved ? plan.moved.holiday : '',
            earliest: 'earliest' in plan.moved ? f.date(plan.moved.earliest, 'long') : '',
          })}
        </p>
      )}
      {plan.escalateTo.length > 0 && (
        <p className="notice">
          {t('orders.escalatedTo', {
            to: plan.escalateTo.map((e) => t(`service.escalation.${e}`)).join(', '),
          })}
        </p>
      )}
      <Citation citation={plan.source.citation} utilitySetting={plan.source.utilitySetting} block />
    </div>
  );
}

/**
 * Service orders: turn on or off, a reread, a meter test, a leak investigation, or an emergency
 * (no water, a main break) at the priority and with the escalation the utility's profile names;
 * the appointment window from the utility's calendar; the orders on the account with status.
 */
export function ServiceOrderPanel({ ctx, prefill }: PanelProps) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const { header, fieldService, today } = ctx;
  const detail = ctx.detail!;
  const submit = useAppStore((s) => s.submitCommand);
  const emergencies = Object.keys(fieldService?.emergencies ?? {}) as ServiceOrderType[];
  const types = [...ROUTINE, ...emergencies];
  const [type, setType] = useState<ServiceOrderType>(
    prefillChoice(prefill, 'type', types, 'reread'),
  );
  const [preferred, setPreferred] = useState(prefillText(prefill, 'preferredDate'));
  const [notes, setNotes] = useState(prefillText(prefill, 'notes'));
  const [seq, setSeq] = useState<number | null>(null);
  if (!fieldService) return <p className="muted">{t('panel.noProfile')}</p>;
  const date = preferred ? dateField(preferred, { notBefore: today }) : null;
  const plan = planServiceOrder(
    fieldService,
    type,
    { now: new Date(), today, preferred: date?.value ?? undefined },
    f.locale,
  );
  const open = detail.serviceOrders.find(
    (o) => o.type === type && (o.status === 'open' || o.status === 'scheduled'),
  );
  const conflict =
    type === 'turn-on' && header.status === 'active'
      ? 'orders.alreadyOn'
      : type === 'turn-off' && header.status !== 'active'
        ? 'orders.notActive'
        : open
          ? 'orders.alreadyOpen'
          : null;

  const file = async () => {
    const item = await submit({
      type: 'requestServiceOrder',
      accountNumber: header.number,
      orderType: type,
      notes: notes.trim(),
      ...(date?.value ? { preferredDate: date.value } : {}),
    });
    if (item) setSeq(item.seq);
  };

  return (
    <PanelFrame title={t('panels.service-order.title')}>
      <div className="panel-grid">
        <form className="panel-form" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            label={t('orders.type')}
            value={type}
            onChange={(v) => setType(v as ServiceOrderType)}
          >
            {types.map((o) => (
              <option key={o} value={o}>
                {t(`account:orders.types.${o}`)}
              </option>
            ))}
          </SelectField>
          {!isEmergency(type) && (
            <InputField
              label={t('orders.preferred')}
              hint={t('orders.preferredHint')}
              error={date?.error}
              type="date"
              value={preferred}
              onChange={setPreferred}
            />
          )}
          <TextAreaField
            label={t('orders.notes')}
            rows={2}
            maxLength={2000}
            value={notes}
            onChange={setNotes}
          />
        </form>
        <div className="panel-result" aria-live="polite">
          {plan.offered ? (
            <PlanSummary plan={plan} timeZone={fieldService.timeZone} />
          ) : (
            <p className="error">{t('orders.notOffered')}</p>
          )}
          {conflict && seq === null && (
            <p className="notice">
              {t(conflict, {
                when: open?.windowStart ? f.dateTime(open.windowStart, fieldService.timeZone) : '—',
              })}
            </p>
          )}
        </div>
      </div>
      <div className="panel-actions">
        <button
          type="button"
          className={isEmergency(type) ? 'danger' : 'primary'}
          disabled={!plan.offered || !!conflict || !!date?.error || seq !== null}
          onClick={() => void file()}
        >
          {isEmergency(type) ? t('orders.dispatch') : t('orders.file')}
        </button>
        <ActionError />
        {seq !== null && (
          <CommandStatus
            seq={seq}
            type="requestServiceOrder"
            applied={(r) => <OrderBooked order={r} />}
          />
        )}
      </div>
      <h4>{t('orders.onAccount')}</h4>
      <OrdersSection />
    </PanelFrame>
  );
}
