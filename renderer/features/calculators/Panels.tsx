import { useTranslation } from 'react-i18next';
import type { PanelRequest } from '../../store/ui-slice';
import { AdjustmentPanel } from './AdjustmentPanel';
import { ArrangementPanel } from './ArrangementPanel';
import { AssistancePanel } from './AssistancePanel';
import { BillCalculatorPanel } from './BillCalculatorPanel';
import { useAccountContext } from './context';
import { DisconnectionPanel } from './DisconnectionPanel';
import { HighUsagePanel } from './HighUsagePanel';
import { PanelFrame } from './kit';
import { MeterReadPanel } from './MeterReadPanel';
import { PaymentPanel } from './PaymentPanel';
import { ProtectionsPanel } from './ProtectionsPanel';
import { ServiceChangePanel } from './ServiceChangePanel';
import { ServiceOrderPanel } from './ServiceOrderPanel';

/**
 * The panel a request names, built fresh for each request (`at`), so a script asking again with
 * other values gets a panel filled with them. Every panel but the bill calculator needs the
 * account's detail: without it (offline, never fetched) the panel says so.
 */
export default function Panels({ request }: { request: PanelRequest }) {
  const { t } = useTranslation('calculators');
  const ctx = useAccountContext();
  const { panel, prefill, at } = request;
  if (!ctx.detail && panel !== 'bill-calculator') {
    return (
      <PanelFrame title={t(`panels.${panel}.title`)}>
        <p className="notice">{t('panel.noDetail')}</p>
      </PanelFrame>
    );
  }
  switch (panel) {
    case 'arrangement':
      return <ArrangementPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'bill-calculator':
      return <BillCalculatorPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'high-usage':
      return <HighUsagePanel key={at} ctx={ctx} />;
    case 'adjustment':
      return <AdjustmentPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'disconnection':
    case 'notice':
      return (
        <DisconnectionPanel
          key={at}
          ctx={ctx}
          prefill={prefill}
          focus={panel === 'notice' ? 'notice' : 'eligibility'}
        />
      );
    case 'service-order':
      return <ServiceOrderPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'meter-read':
      return <MeterReadPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'start-service':
    case 'stop-service':
    case 'transfer-service':
    case 'change-holder':
      return <ServiceChangePanel key={at} ctx={ctx} mode={panel} prefill={prefill} />;
    case 'assistance':
      return <AssistancePanel key={at} ctx={ctx} prefill={prefill} />;
    case 'payment':
      return <PaymentPanel key={at} ctx={ctx} prefill={prefill} />;
    case 'protections':
      return <ProtectionsPanel key={at} ctx={ctx} prefill={prefill} />;
  }
}
