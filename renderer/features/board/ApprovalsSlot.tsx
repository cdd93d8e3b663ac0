import { useAppStore } from '../../store';
import { ApprovalQueue } from '../approvals/ApprovalQueue';

/**
 * The approval queue's place on the board: the workspace's own queue of adjustments above an
 * agent's limit (renderer/features/approvals). Opening a request's account goes to the desk.
 */
export function ApprovalsSlot() {
  return (
    <div className="card approvals-slot" data-slot="approval-queue">
      <ApprovalQueue
        onOpenAccount={(number) => {
          const s = useAppStore.getState();
          s.setLeadView('desk');
          void s.openAccount(number);
        }}
      />
    </div>
  );
}
