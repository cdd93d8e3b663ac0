import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';

/** A booked order as the central system answered it: its window, and who an emergency went to. */
export function OrderBooked({
  order,
  labelKey = 'orders.booked',
}: {
  order: unknown;
  labelKey?: string;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const zone = useAppStore((s) => s.view?.utility?.timeZone);
  const o = order as {
    windowStart?: string;
    windowEnd?: string;
    priority?: string;
    escalateTo?: string[];
  } | null;
  if (!o?.windowStart || !o.windowEnd) return null;
  return (
    <p>
      {t(labelKey, {
        start: f.dateTime(o.windowStart, zone),
        end: f.time(o.windowEnd, zone),
        priority: t(`account:orders.priorities.${o.priority ?? 'routine'}`),
      })}
      {o.escalateTo?.length
        ? ` ${t('orders.escalatedTo', {
            to: o.escalateTo.map((e) => t(`service.escalation.${e}`)).join(', '),
          })}`
        : ''}
    </p>
  );
}
