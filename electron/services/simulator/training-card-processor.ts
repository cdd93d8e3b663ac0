import { randomBytes, randomUUID } from 'node:crypto';
import {
  CARD_CAPTURE_ITEMS,
  type CardCaptureItem,
  type CardCaptureView,
} from '../../../shared/ipc/channels/card-capture';

/**
 * Braintree's sandbox test cards (developer.paypal.com/braintree/docs/guides/credit-cards/
 * testing-go-live), the same the fake Twilio's processor follows: the first is approved, the
 * second is "processor declined".
 */
export const APPROVED_TEST_CARD = '4111111111111111';
export const DECLINED_TEST_CARD = '4000111111111115';

/** What a simulated caller keys for each item: their test card, an expiry, a code, a ZIP. */
export interface TrainingCard {
  number: string;
  expiry: string;
  securityCode: string;
  postalCode: string;
}

export const trainingCards = {
  approves: {
    number: APPROVED_TEST_CARD,
    expiry: '1230',
    securityCode: '123',
    postalCode: '19107',
  },
  declines: {
    number: DECLINED_TEST_CARD,
    expiry: '1230',
    securityCode: '123',
    postalCode: '19107',
  },
} satisfies Record<string, TrainingCard>;

export class TrainingCaptureRefusal extends Error {
  constructor(readonly code: 'not_found' | 'conflict') {
    super(code);
    this.name = 'TrainingCaptureRefusal';
  }
}

interface TrainingCapture {
  view: CardCaptureView;
  callId: string;
  userId: string;
  /** What the caller keyed for each item: lives here, in this object, and nowhere else. */
  keyed: Partial<Record<CardCaptureItem, string>>;
  timer: ReturnType<typeof setTimeout> | null;
}

const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

/** The checks Twilio's `<Pay>` makes of each item, as the fake Twilio makes them. */
export function trainingItemError(
  item: CardCaptureItem,
  digits: string,
  thisMonth: string,
): string | null {
  switch (item) {
    case 'payment-card-number':
      return /^\d{13,19}$/.test(digits) && luhn(digits) ? null : 'invalid-card-number';
    case 'expiration-date': {
      const mm = /^(0[1-9]|1[0-2])(\d{2})$/.exec(digits);
      if (!mm) return 'invalid-date';
      return `20${mm[2]}-${mm[1]}` < thisMonth ? 'invalid-date' : null;
    }
    case 'security-code':
      return /^\d{3,4}$/.test(digits) ? null : 'invalid-security-code';
    default:
      return /^\d{5}$/.test(digits) ? null : 'invalid-postal-code';
  }
}

/**
 * The training simulator's card processor: there is no Twilio on a simulated call, so the
 * capture runs here, in the desk's main process, with the states and fields of Twilio's status
 * callbacks (`CardCaptureView`). The simulated caller keys their test card a moment after the
 * agent asks for an item; the card's digits stay in this object and leave it only as the masked
 * number (`xxxx-xxxx-xxxx-1111`). Completing approves 4111111111111111 and declines
 * 4000111111111115; the approved payment is then posted by the desk as a card tender (the
 * confirmation and the last four).
 */
export class TrainingCardProcessor {
  private readonly captures = new Map<string, TrainingCapture>();

  constructor(
    private readonly o: {
      /** The card the call's simulated caller keys. */
      cardFor: (callId: string) => TrainingCard;
      /** How long the caller takes to key an item (ms). */
      keyingMs?: number;
      /** YYYY-MM of today, for the expiry check. */
      thisMonth: () => string;
    },
  ) {}

  start(callId: string, userId: string, accountNumber: string, amountCents: number) {
    const id = randomUUID();
    const c: TrainingCapture = {
      callId,
      userId,
      keyed: {},
      timer: null,
      view: {
        id,
        paymentSid: `PKtraining${randomBytes(8).toString('hex')}`,
        accountNumber,
        amountCents,
        capturing: null,
        required: [...CARD_CAPTURE_ITEMS],
        maskedCard: null,
        error: null,
        status: 'capturing',
        result: null,
        confirmation: null,
        receiptNumber: null,
        postError: null,
      },
    };
    this.captures.set(id, c);
    return { ...c.view, required: [...c.view.required] };
  }

  private mine(id: string, userId: string): TrainingCapture {
    const c = this.captures.get(id);
    if (!c || c.userId !== userId) throw new TrainingCaptureRefusal('not_found');
    return c;
  }

  get(id: string, userId: string): CardCaptureView {
    const v = this.mine(id, userId).view;
    return { ...v, required: [...v.required] };
  }

  /** Asks the caller for an item; they key it after `keyingMs`. */
  capture(id: string, userId: string, item: CardCaptureItem): CardCaptureView {
    const c = this.mine(id, userId);
    if (c.view.status !== 'capturing') throw new TrainingCaptureRefusal('conflict');
    if (c.timer) clearTimeout(c.timer);
    c.view.capturing = item;
    c.view.error = null;
    delete c.keyed[item];
    c.timer = setTimeout(() => this.key(c, item), this.o.keyingMs ?? 1500);
    return this.get(id, userId);
  }

  private key(c: TrainingCapture, item: CardCaptureItem): void {
    c.timer = null;
    if (c.view.status !== 'capturing' || c.view.capturing !== item) return;
    const card = this.o.cardFor(c.callId);
    const digits = {
      'payment-card-number': card.number,
      'expiration-date': card.expiry,
      'security-code': card.securityCode,
      'postal-code': card.postalCode,
    }[item];
    const error = trainingItemError(item, digits, this.o.thisMonth());
    if (error) {
      c.view.error = error;
      return;
    }
    c.keyed[item] = digits;
    c.view.capturing = null;
    c.view.required = c.view.required.filter((i) => i !== item);
    if (item === 'payment-card-number') c.view.maskedCard = `xxxx-xxxx-xxxx-${digits.slice(-4)}`;
  }

  finish(id: string, userId: string, status: 'complete' | 'cancel'): CardCaptureView {
    const c = this.mine(id, userId);
    if (c.view.status !== 'capturing') throw new TrainingCaptureRefusal('conflict');
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    c.view.capturing = null;
    if (status === 'cancel') {
      c.view.status = 'cancelled';
      c.view.result = 'payment-cancelled';
    } else if (c.view.required.length > 0) {
      // Twilio answers validation-error and the session stays open for the missing items.
      c.view.result = 'validation-error';
      return this.get(id, userId);
    } else if (c.keyed['payment-card-number'] === DECLINED_TEST_CARD) {
      c.view.status = 'declined';
      c.view.result = 'payment-connector-error';
      c.view.error = 'card-declined';
    } else {
      c.view.status = 'approved';
      c.view.result = 'success';
      c.view.confirmation = `ch_training_${randomBytes(6).toString('hex')}`;
    }
    c.keyed = {};
    return this.get(id, userId);
  }

  /** Forgets the captures of a call that ended, and the digits they held. */
  endCall(callId: string): void {
    for (const [id, c] of this.captures) {
      if (c.callId !== callId) continue;
      if (c.timer) clearTimeout(c.timer);
      c.keyed = {};
      if (c.view.status === 'capturing') c.view.status = 'cancelled';
      this.captures.delete(id);
    }
  }

  stop(): void {
    for (const c of this.captures.values()) if (c.timer) clearTimeout(c.timer);
    this.captures.clear();
  }
}
