import { useTranslation } from 'react-i18next';

/**
 * THE APPROVAL QUEUE'S PLACE ON THE BOARD. The workspace's approval queue
 * (renderer/features/approvals/ApprovalQueue) is built separately; this slot is where the board
 * shows it. Until it is part of the app, the slot says where it will appear.
 */
export function ApprovalsSlot() {
  const { t } = useTranslation('board');
  return (
    <section
      className="card approvals"
      aria-labelledby="approvals-title"
      data-slot="approval-queue"
    >
      <h2 id="approvals-title">{t('approvals.title')}</h2>
      <p className="muted">{t('approvals.slot')}</p>
    </section>
  );
}
