import { useTranslation } from 'react-i18next';
import type { BookedOrder } from '../../../shared/cis';
import { useAppStore } from '../../store';
import { useFormat } from '../account/format';

/** A booked order as the central system answered it: its window, and who an emergency went to. */
export function OrderBooked({
  order,
  labelKey = 'orders.booked',
}: {
  order: BookedOrder;
  labelKey?: string;
}) {
  const { t } = useTranslation('calculators');
  const f = useFormat();
  const zone = useAppStore((s) => s.view?.utility?.timeZone);
  return (
    <p>
      {t(labelKey, {
        start: f.dateTime(order.windowStart, zone),
        end: f.time(order.windowEnd, zone),
        priority: t(`account:orders.priorities.${order.priority}`),
      })}
      {order.escalateTo.length
        ? ` ${t('orders.escalatedTo', {
            to: order.escalateTo.map((e) => t(`service.escalation.${e}`)).join(', '),
          })}`
        : ''}
    </p>
  );
}
