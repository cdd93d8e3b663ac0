import { IpcFailure, ipcError } from '../../../shared/ipc';
import type { CardCaptureView } from '../../../shared/ipc/channels/card-capture';
import { queueCommand } from '../cis/actions';
import type { CisService } from '../cis/cis-service';
import { OfflineError, ServerRefusal } from '../cis/client';
import type { CallerSession, HandlerRegistry } from '../registry';
import {
  TrainingCaptureRefusal,
  type TrainingCard,
  TrainingCardProcessor,
  trainingCards,
} from '../simulator/training-card-processor';
import type { TrainingSimulator } from '../simulator/training-simulator';

async function central<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof OfflineError) throw new IpcFailure(ipcError('offline'));
    if (err instanceof ServerRefusal) {
      const code =
        { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' }[
          err.status
        ] ?? (err.status === 503 ? 'unavailable' : 'rejected');
      throw new IpcFailure(ipcError(code));
    }
    throw err;
  }
}

function training<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof TrainingCaptureRefusal) throw new IpcFailure(ipcError(err.code));
    throw err;
  }
}

const userOf = (session: CallerSession) => session.userId ?? '';

/**
 * The card capture channels. On a live call (Twilio) they are the central system's capture
 * routes; on the training simulator's calls, the in-process training processor, whose caller
 * keys a Braintree sandbox test card. Either way no card digit reaches the renderer: the view
 * carries the masked number only. A capture needs a call in progress (the simulator's call
 * connected; on Twilio the server checks the call is the agent's).
 */
export function registerCardCaptureHandlers(o: {
  registry: HandlerRegistry;
  cis: CisService;
  mode: 'simulator' | 'twilio';
  simulator: TrainingSimulator;
  /** The card a simulated caller keys (default: the approving test card). */
  trainingCardFor?: (callId: string) => TrainingCard;
  keyingMs?: number;
}): { processor: TrainingCardProcessor; close(): void } {
  const r = o.registry;
  const processor = new TrainingCardProcessor({
    cardFor: o.trainingCardFor ?? (() => trainingCards.approves),
    keyingMs: o.keyingMs,
    thisMonth: () => new Date().toISOString().slice(0, 7),
  });
  const off = r.onEvent((event, payload) => {
    const e = payload as { type?: string; callId?: string };
    if (event === 'softphone.event' && e.type === 'ended' && e.callId) processor.endCall(e.callId);
  });

  /** The approved training payment, posted as the server posts a live one: a card tender. */
  const post = (view: CardCaptureView, session: CallerSession) => {
    const last4 = view.maskedCard?.replace(/\D/g, '').slice(-4);
    queueCommand(o.cis.cache, o.cis.sync, session, {
      type: 'postPayment',
      accountNumber: view.accountNumber,
      amountCents: view.amountCents,
      tender: {
        kind: 'card',
        processorConfirmation: view.confirmation ?? '',
        ...(last4 && last4.length === 4 ? { last4 } : {}),
      },
      channel: 'phone',
    });
  };

  r.handle('cardCapture.start', async ({ callId, accountNumber, amountCents }, session) => {
    if (o.mode === 'twilio')
      return central(() => o.cis.client.startCardCapture(callId, { accountNumber, amountCents }));
    const call = o.simulator.active().find((c) => c.id === callId);
    if (call?.state !== 'connected')
      throw new IpcFailure(ipcError('conflict', { callId, reason: 'no_call' }));
    if (!o.cis.cache.header(accountNumber))
      throw new IpcFailure(ipcError('not_found', { accountNumber }));
    return processor.start(callId, userOf(session), accountNumber, amountCents);
  });
  r.handle('cardCapture.step', async (step, session) => {
    if (o.mode === 'twilio') {
      const { id, ...body } = step;
      return central(() => o.cis.client.cardCaptureStep(id, body));
    }
    if ('capture' in step)
      return training(() => processor.capture(step.id, userOf(session), step.capture));
    const view = training(() => processor.finish(step.id, userOf(session), step.status));
    if (view.status === 'approved') post(view, session);
    return view;
  });
  r.handle('cardCapture.get', async ({ id }, session) => {
    if (o.mode === 'twilio') return central(() => o.cis.client.cardCapture(id));
    return training(() => processor.get(id, userOf(session)));
  });
  return {
    processor,
    close() {
      off();
      processor.stop();
    },
  };
}
