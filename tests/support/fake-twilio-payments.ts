import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * Twilio's Payments subresource of a call as its API reference documents it
 * (twilio.com/docs/voice/api/payment-resource), for tests to drive the live path through the
 * `twilio` library:
 *
 * - `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Payments.json` starts a session
 *   (`IdempotencyKey` and `StatusCallback` required; `ChargeAmount`, `Currency`,
 *   `PaymentMethod`); a key used again answers the same payment and starts nothing;
 * - `POST .../Payments/{Sid}.json` with `Capture` (payment-card-number, expiration-date,
 *   security-code, postal-code) asks the caller for one item, or with `Status` complete (the card
 *   goes to the Pay Connector) or cancel;
 * - every step is reported to `StatusCallback`, form-encoded and signed (`X-Twilio-Signature`,
 *   HMAC-SHA1 of the URL and the sorted parameters, keyed by the auth token): `Sid`, `CallSid`,
 *   `Capture`, `Required`, `PartialResult`, `PaymentCardNumber` masked (`xxxx-xxxx-xxxx-1111`),
 *   `ErrorType` (`invalid-card-number`, `invalid-date`, `invalid-security-code`,
 *   `invalid-postal-code`), and on completion `Result` and `PaymentConfirmationCode`.
 *
 * The Pay Connector behind it is Braintree's sandbox as its testing guide lists the cards
 * (developer.paypal.com/braintree/docs/guides/credit-cards/testing-go-live): 4111111111111111
 * (Visa) is approved, 4000111111111115 (Visa, "processor declined") is declined.
 */
export const APPROVED_TEST_CARD = '4111111111111111';
export const DECLINED_TEST_CARD = '4000111111111115';

const ITEMS = ['payment-card-number', 'expiration-date', 'security-code', 'postal-code'];

interface Session {
  sid: string;
  accountSid: string;
  callSid: string;
  statusCallback: string;
  chargeAmount: string;
  capturing: string | null;
  keyed: Record<string, string>;
  status: 'active' | 'complete' | 'cancel';
}

export interface FakeTwilioPayments {
  url: string;
  /** Every REST request as it came: path and form. */
  requests: { path: string; form: Record<string, string> }[];
  /** Every status callback sent, and the status our server answered. */
  callbacks: { params: Record<string, string>; status: number }[];
  /** The caller keys digits on their phone for the item being captured. */
  key(callSid: string, digits: string): Promise<void>;
  close(): Promise<void>;
}

function luhn(digits: string): boolean {
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
}

export function sign(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

async function formOf(req: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startFakeTwilioPayments(o: {
  apiKey: string;
  apiSecret: string;
  authToken: string;
  /** The public URL the callbacks are signed for, and where they really go. */
  publicUrl: string;
  deliverTo: () => string;
  /** The month the fake processor takes as now, YYYY-MM (a card expiring before it is refused). */
  thisMonth: string;
}): Promise<FakeTwilioPayments> {
  const sessions = new Map<string, Session>();
  const byKey = new Map<string, unknown>();
  const requests: FakeTwilioPayments['requests'] = [];
  const callbacks: FakeTwilioPayments['callbacks'] = [];

  const callback = async (s: Session, extra: Record<string, string>) => {
    const card = s.keyed['payment-card-number'];
    const params: Record<string, string> = {
      AccountSid: s.accountSid,
      CallSid: s.callSid,
      Sid: s.sid,
      Required: ITEMS.filter((i) => !s.keyed[i]).join(','),
      PartialResult: 'false',
      ...(card ? { PaymentCardNumber: `xxxx-xxxx-xxxx-${card.slice(-4)}` } : {}),
      ...(s.keyed['security-code'] ? { SecurityCode: 'xxx' } : {}),
      ...extra,
    };
    const url = s.statusCallback;
    const response = await fetch(url.replace(o.publicUrl, o.deliverTo()), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign(o.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    callbacks.push({ params, status: response.status });
  };

  const instance = (s: Session) => ({
    account_sid: s.accountSid,
    call_sid: s.callSid,
    sid: s.sid,
    date_created: new Date().toUTCString(),
    date_updated: new Date().toUTCString(),
    uri: `/2010-04-01/Accounts/${s.accountSid}/Calls/${s.callSid}/Payments/${s.sid}.json`,
  });

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (auth[0] !== o.apiKey || auth[1] !== o.apiSecret)
      return send(401, { code: 20003, message: 'Authenticate', status: 401 });
    const m =
      /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/(CA\w+)\/Payments(?:\/(PK\w+))?\.json$/.exec(
        req.url ?? '',
      );
    if (req.method !== 'POST' || !m)
      return send(404, { code: 20404, message: 'Not found', status: 404 });
    const form = await formOf(req);
    requests.push({ path: req.url!, form });
    if (!form.IdempotencyKey || !form.StatusCallback)
      return send(400, {
        code: 21201,
        message: 'IdempotencyKey and StatusCallback are required',
        status: 400,
      });
    const again = byKey.get(form.IdempotencyKey);
    if (again) return send(200, again);
    const [, accountSid, callSid, sid] = m;
    if (!sid) {
      const s: Session = {
        sid: `PK${randomBytes(16).toString('hex')}`,
        accountSid,
        callSid,
        statusCallback: form.StatusCallback,
        chargeAmount: form.ChargeAmount ?? '0',
        capturing: null,
        keyed: {},
        status: 'active',
      };
      sessions.set(callSid, s);
      const body = instance(s);
      byKey.set(form.IdempotencyKey, body);
      return send(201, body);
    }
    const s = sessions.get(callSid);
    if (!s || s.sid !== sid || s.status !== 'active')
      return send(404, { code: 20404, message: 'No such payment session', status: 404 });
    s.statusCallback = form.StatusCallback;
    const body = instance(s);
    byKey.set(form.IdempotencyKey, body);
    send(200, body);
    if (form.Capture) {
      if (!ITEMS.includes(form.Capture)) return;
      s.capturing = form.Capture;
      delete s.keyed[form.Capture];
      await callback(s, { Capture: form.Capture });
    } else if (form.Status === 'cancel') {
      s.status = 'cancel';
      await callback(s, { Result: 'payment-cancelled' });
    } else if (form.Status === 'complete') {
      s.status = 'complete';
      const card = s.keyed['payment-card-number'];
      const missing = ITEMS.filter((i) => !s.keyed[i]);
      if (missing.length) await callback(s, { Result: 'validation-error' });
      else if (card === DECLINED_TEST_CARD)
        await callback(s, { Result: 'payment-connector-error', ErrorType: 'card-declined' });
      else
        await callback(s, {
          Result: 'success',
          PaymentConfirmationCode: `ch_${randomBytes(8).toString('hex')}`,
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const errorOf = (item: string, digits: string): string | null => {
    switch (item) {
      case 'payment-card-number':
        return /^\d{13,19}$/.test(digits) && luhn(digits) ? null : 'invalid-card-number';
      case 'expiration-date': {
        const mm = /^(0[1-9]|1[0-2])(\d{2})$/.exec(digits);
        if (!mm) return 'invalid-date';
        return `20${mm[2]}-${mm[1]}` < o.thisMonth ? 'invalid-date' : null;
      }
      case 'security-code':
        return /^\d{3,4}$/.test(digits) ? null : 'invalid-security-code';
      default:
        return /^\d{5}$/.test(digits) ? null : 'invalid-postal-code';
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    callbacks,
    async key(callSid, digits) {
      const s = sessions.get(callSid);
      if (!s?.capturing) throw new Error('nothing is being captured on this call');
      const item = s.capturing;
      const error = errorOf(item, digits);
      if (!error) {
        s.keyed[item] = digits;
        s.capturing = null;
      }
      await callback(s, { Capture: item, ...(error ? { ErrorType: error } : {}) });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
