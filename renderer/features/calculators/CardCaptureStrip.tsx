import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CARD_CAPTURE_ITEMS,
  type CardCaptureItem,
  type CardCaptureView,
  captureErrorKey,
} from '../../../shared/ipc/channels/card-capture';
import { call } from '../../bridge';
import { useAppStore } from '../../store';
import { messageKeyOf } from '../../store/errors';

/** How often the strip asks how the capture stands while the caller keys. */
const POLL_MS = 1000;

/**
 * The card capture of a call, in the Payment panel: the agent starts it, asks the caller for each
 * item of the card in turn, and completes or cancels it. The caller keys the digits on their
 * phone; the strip holds only what the capture's view carries (the item being keyed, the items
 * left, the masked number, the error, the outcome). It has no field for a card digit.
 */
export function CardCaptureStrip(props: {
  accountNumber: string;
  amountCents: number | null;
  onApproved?: (view: CardCaptureView) => void;
}): ReactNode {
  const { t } = useTranslation('calculators');
  const online = useAppStore((s) => s.sync?.online ?? false);
  const active = useAppStore((s) => s.desk.active);
  const onCall = active?.state === 'connected' ? active.id : null;
  const [view, setView] = useState<CardCaptureView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (step: () => Promise<CardCaptureView>) => {
    setError(null);
    try {
      const next = await step();
      setView(next);
      if (next.status === 'approved') props.onApproved?.(next);
    } catch (err) {
      setError(messageKeyOf(err));
    }
  };

  const waiting = view?.status === 'capturing' || view?.status === 'processing';
  const id = view?.id ?? null;
  useEffect(() => {
    if (!waiting || !id) return;
    const timer = setInterval(() => {
      call('cardCapture.get', { id })
        .then(setView)
        .catch(() => {});
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, id]);

  if (!online)
    return (
      <p className="error" role="alert">
        {t('payment.cardOffline')}
      </p>
    );
  if (!view || view.status === 'cancelled')
    return (
      <div className="card-capture">
        <p className="notice">{t('payment.cardOnCall')}</p>
        {!onCall && <p className="notice">{t('payment.capture.noCall')}</p>}
        <button
          type="button"
          className="primary"
          disabled={!onCall || props.amountCents === null}
          onClick={() =>
            void run(() =>
              call('cardCapture.start', {
                callId: onCall!,
                accountNumber: props.accountNumber,
                amountCents: props.amountCents!,
              }),
            )
          }
        >
          {t('payment.capture.start')}
        </button>
        {view?.status === 'cancelled' && <p role="status">{t('payment.capture.cancelled')}</p>}
        {error && (
          <p className="error" role="alert">
            {t(error)}
          </p>
        )}
      </div>
    );

  const ask = (item: CardCaptureItem) =>
    run(() => call('cardCapture.step', { id: view.id, capture: item }));
  return (
    <section className="card-capture" aria-label={t('payment.capture.title')}>
      <h3>{t('payment.capture.title')}</h3>
      <dl>
        <dt>{t('payment.capture.keying')}</dt>
        <dd>{view.capturing ? t(`payment.capture.items.${view.capturing}`) : '—'}</dd>
        <dt>{t('payment.capture.left')}</dt>
        <dd>
          {view.required.length
            ? view.required.map((i) => t(`payment.capture.items.${i}`)).join(', ')
            : t('payment.capture.none')}
        </dd>
        <dt>{t('payment.capture.card')}</dt>
        <dd>{view.maskedCard ?? '—'}</dd>
      </dl>
      <div aria-live="polite">
        {view.error && (
          <p className="error" role="alert">
            {t(`payment.capture.errors.${captureErrorKey(view.error)}`)}
          </p>
        )}
        {view.status === 'approved' && (
          <p role="status">{t('payment.capture.approved', { confirmation: view.confirmation })}</p>
        )}
        {view.status === 'declined' && <p role="status">{t('payment.capture.declined')}</p>}
        {view.result === 'validation-error' && view.status === 'capturing' && (
          <p role="status">{t('payment.capture.incomplete')}</p>
        )}
        {error && (
          <p className="error" role="alert">
            {t(error)}
          </p>
        )}
      </div>
      {view.status === 'capturing' && (
        <div className="panel-actions">
          {CARD_CAPTURE_ITEMS.map((item) => (
            <button key={item} type="button" onClick={() => void ask(item)}>
              {t('payment.capture.ask', { item: t(`payment.capture.items.${item}`) })}
            </button>
          ))}
          <button
            type="button"
            className="primary"
            disabled={view.required.length > 0}
            onClick={() =>
              void run(() => call('cardCapture.step', { id: view.id, status: 'complete' }))
            }
          >
            {t('payment.capture.complete')}
          </button>
          <button
            type="button"
            onClick={() =>
              void run(() => call('cardCapture.step', { id: view.id, status: 'cancel' }))
            }
          >
            {t('payment.capture.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
