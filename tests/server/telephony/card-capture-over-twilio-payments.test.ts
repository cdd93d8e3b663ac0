import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionAuth, signIn } from '../../../server/auth/sessions';
import { twilioCardPayments } from '../../../server/telephony/card-capture';
import { memoryDirectory } from '../../../server/telephony/directory';
import { telephonyPlugin } from '../../../server/telephony/plugin';
import type { TelephonyRest } from '../../../server/telephony/rest';
import {
  APPROVED_TEST_CARD,
  DECLINED_TEST_CARD,
  type FakeTwilioPayments,
  sign,
  startFakeTwilioPayments,
} from '../../support/fake-twilio-payments';
import { seededServer, type TestServer } from '../support';

const CONFIG = {
  accountSid: 'AC00000000000000000000000000000000',
  apiKey: 'SK00000000000000000000000000000000',
  apiSecret: 'secret-for-tests',
  twimlAppSid: 'AP00000000000000000000000000000000',
  authToken: '2bd9e9638872de601313dc77410d3b23',
  publicUrl: 'https://cis.utility.example',
  callerId: '+12155550000',
  ringSeconds: 20,
};

/**
 * Card capture on a live call through Twilio's Payments subresource, driven with the `twilio`
 * library against a fake of Twilio's API that follows its reference: the caller keys each item,
 * the desk learns only what the signed status callbacks say, and an approved card is posted as a
 * payment. The card number is nowhere on this side afterwards.
 */
describe('card capture on a call', () => {
  let s: TestServer;
  let app: FastifyInstance;
  let base = '';
  let fake: FakeTwilioPayments;
  let otherAgent: string;
  let accountNumber: string;
  const logs: string[] = [];
  let legs = 0;

  const rest: TelephonyRest = {
    async addParticipant(conference) {
      legs += 1;
      return { callSid: `CAleg${legs}`, conferenceSid: `CF-${conference}` };
    },
    async holdParticipant() {},
    async removeParticipant() {},
    async redirect() {},
  };

  beforeAll(async () => {
    s = await seededServer('pglite', 30, 'philadelphia-water-pa');
    otherAgent = (await signIn(s.db, 'agente', 'tapline-training'))!.token;
    fake = await startFakeTwilioPayments({
      apiKey: CONFIG.apiKey,
      apiSecret: CONFIG.apiSecret,
      authToken: CONFIG.authToken,
      publicUrl: CONFIG.publicUrl,
      deliverTo: () => base,
      thisMonth: '2026-12',
    });
    app = Fastify({
      logger: { level: 'trace', stream: { write: (line: string) => logs.push(line) } },
    });
    await app.register(telephonyPlugin, {
      db: s.db,
      auth: sessionAuth(s.db),
      config: CONFIG,
      directory: memoryDirectory(),
      rest,
      cardRest: twilioCardPayments(CONFIG.accountSid, CONFIG.apiKey, CONFIG.apiSecret, fake.url),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const { rows } = await s.db.query<{ number: string }>(
      "select a.number from accounts a join customers c on c.id = a.customer_id where a.status = 'active' and c.preferred_language = 'en' order by a.number limit 1",
    );
    accountNumber = rows[0].number;
  }, 180_000);
  beforeEach(() => {
    fake.requests.length = 0;
    fake.callbacks.length = 0;
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await s?.close();
  });

  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: `Bearer ${token}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** A caller's call routed to the agent: the agent's leg, and the caller's CallSid. */
  const routed = async (callSid: string) => {
    const before = legs;
    await api('POST', '/telephony/availability', s.tokens.agent, { available: true });
    const { rows } = await s.db.query<{ digits: string }>(
      'select digits from account_phones where account_number = $1 limit 1',
      [accountNumber],
    );
    const params = { CallSid: callSid, From: `+1${rows[0].digits}` };
    await fetch(`${base}/twilio/voice`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign(CONFIG.authToken, `${CONFIG.publicUrl}/twilio/voice`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await expect.poll(() => legs).toBeGreaterThan(before);
    return `CAleg${legs}`;
  };

  const view = async (id: string) =>
    (await api('GET', `/telephony/card-payments/${id}`, s.tokens.agent)).json();
  const ask = (id: string, capture: string) =>
    api('POST', `/telephony/card-payments/${id}`, s.tokens.agent, { capture });

  /** The caller keys a whole card, item by item, the agent asking for each. */
  const keyCard = async (id: string, callSid: string, card: string) => {
    for (const [item, digits] of [
      ['payment-card-number', card],
      ['expiration-date', '1230'],
      ['security-code', '123'],
      ['postal-code', '19103'],
    ]) {
      expect((await ask(id, item)).status).toBe(200);
      await fake.key(callSid, digits);
    }
  };

  it('captures a card item by item, shows only what Twilio reports, and posts the approved payment', async () => {
    const leg = await routed('CAlive1');
    const started = await api('POST', `/telephony/calls/${leg}/card-payments`, s.tokens.agent, {
      accountNumber,
      amountCents: 4_500,
    });
    expect(started.status).toBe(200);
    const capture = await started.json();
    expect(fake.requests[0].path).toBe(
      `/2010-04-01/Accounts/${CONFIG.accountSid}/Calls/CAlive1/Payments.json`,
    );
    expect(fake.requests[0].form).toMatchObject({
      ChargeAmount: '45',
      Currency: 'usd',
      PaymentMethod: 'credit-card',
      StatusCallback: `${CONFIG.publicUrl}/twilio/payments?capture=${capture.id}`,
    });
    expect(fake.requests[0].form.IdempotencyKey).toMatch(/.{8,}/);

    // A number that fails its check digit, then an expired card: the desk sees Twilio's error.
    await ask(capture.id, 'payment-card-number');
    expect((await view(capture.id)).capturing).toBe('payment-card-number');
    await fake.key('CAlive1', '4111111111111112');
    expect(await view(capture.id)).toMatchObject({
      error: 'invalid-card-number',
      maskedCard: null,
    });
    await fake.key('CAlive1', APPROVED_TEST_CARD);
    expect(await view(capture.id)).toMatchObject({
      error: null,
      maskedCard: 'xxxx-xxxx-xxxx-1111',
      required: ['expiration-date', 'security-code', 'postal-code'],
    });
    await ask(capture.id, 'expiration-date');
    await fake.key('CAlive1', '1125');
    expect((await view(capture.id)).error).toBe('invalid-date');
    await fake.key('CAlive1', '1230');
    await ask(capture.id, 'security-code');
    await fake.key('CAlive1', '123');
    await ask(capture.id, 'postal-code');
    await fake.key('CAlive1', '19103');
    expect((await view(capture.id)).required).toEqual([]);
    // Every update carried its own idempotency key and the callback URL.
    const keys = fake.requests.map((r) => r.form.IdempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    const done = await api('POST', `/telephony/card-payments/${capture.id}`, s.tokens.agent, {
      status: 'complete',
    });
    expect(done.status).toBe(200);
    await expect.poll(async () => (await view(capture.id)).receiptNumber).toMatch(/^PA-\d{8}$/);
    const final = await view(capture.id);
    expect(final).toMatchObject({ status: 'approved', result: 'success', postError: null });
    expect(final.confirmation).toMatch(/^ch_/);
    const { rows } = await s.db.query<{
      amount_cents: number;
      tender: string;
      channel: string;
      tender_detail: Record<string, string>;
    }>(
      'select amount_cents, tender, channel, tender_detail from payments where receipt_number = $1',
      [final.receiptNumber],
    );
    expect(rows[0]).toMatchObject({ amount_cents: 4_500, tender: 'card', channel: 'phone' });
    expect(rows[0].tender_detail).toEqual({
      processorConfirmation: final.confirmation,
      last4: '1111',
    });
    // Every callback was accepted: signed by Twilio's key over the public URL.
    expect(fake.callbacks.every((c) => c.status === 204)).toBe(true);

    // The card number is nowhere on this side: no table, no log, no answer to the desk.
    const { rows: tables } = await s.db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    const dumps: string[] = [];
    for (const { table_name } of tables) {
      const { rows: all } = await s.db.query(`select * from "${table_name}"`);
      dumps.push(JSON.stringify(all));
    }
    const everything = [...dumps, ...logs, JSON.stringify(final)].join('\n');
    expect(everything).toContain(final.receiptNumber);
    expect(everything).not.toContain(APPROVED_TEST_CARD);
    expect(everything).not.toContain('4111111111111112');
  });

  it('declines the processor’s decline number and posts nothing', async () => {
    const leg = await routed('CAlive2');
    const capture = await (
      await api('POST', `/telephony/calls/${leg}/card-payments`, s.tokens.agent, {
        accountNumber,
        amountCents: 2_000,
      })
    ).json();
    await keyCard(capture.id, 'CAlive2', DECLINED_TEST_CARD);
    await api('POST', `/telephony/card-payments/${capture.id}`, s.tokens.agent, {
      status: 'complete',
    });
    await expect.poll(async () => (await view(capture.id)).status).toBe('declined');
    expect(await view(capture.id)).toMatchObject({
      result: 'payment-connector-error',
      receiptNumber: null,
      maskedCard: 'xxxx-xxxx-xxxx-1115',
    });
  });

  it('refuses a callback not signed by Twilio, another agent, and a start on a call that is not theirs', async () => {
    const leg = await routed('CAlive3');
    const capture = await (
      await api('POST', `/telephony/calls/${leg}/card-payments`, s.tokens.agent, {
        accountNumber,
        amountCents: 1_000,
      })
    ).json();
    const forged = {
      Sid: capture.paymentSid,
      Result: 'success',
      PaymentConfirmationCode: 'ch_forged',
    };
    const path = `/twilio/payments?capture=${capture.id}`;
    const forgedResponse = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign('0'.repeat(32), `${CONFIG.publicUrl}${path}`, forged),
      },
      body: new URLSearchParams(forged).toString(),
    });
    expect(forgedResponse.status).toBe(403);
    expect((await view(capture.id)).status).toBe('capturing');
    expect((await api('GET', `/telephony/card-payments/${capture.id}`, otherAgent)).status).toBe(
      403,
    );
    expect(
      (
        await api('POST', `/telephony/calls/${leg}/card-payments`, otherAgent, {
          accountNumber,
          amountCents: 1_000,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('POST', `/telephony/calls/${leg}/card-payments`, s.tokens.agent, {
          accountNumber,
          amountCents: 100_000_001,
        })
      ).status,
    ).toBe(400);
    await api('POST', `/telephony/card-payments/${capture.id}`, s.tokens.agent, {
      status: 'cancel',
    });
    expect((await view(capture.id)).status).toBe('cancelled');
  });
});
