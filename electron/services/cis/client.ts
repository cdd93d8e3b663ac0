import { z } from 'zod';
import {
  type AccountDetail,
  type AccountTask,
  type AdjustmentRequest,
  accountDetail as accountDetailSchema,
  accountTask,
  adjustmentRequest,
  type Principal,
  type PullResponse,
  type PushResponse,
  principal as principalSchema,
  pullResponse,
  pushResponse,
  type SnapshotResponse,
  snapshotResponse,
  type UserSummary,
  userSummary,
} from '../../../shared/cis';
import {
  type PublishedFlow,
  type PublishedFlowsPage,
  publishedFlow,
  publishedFlowsPage,
} from '../../../shared/flows/published';
import { type CardCaptureItem, cardCaptureView } from '../../../shared/ipc/channels/card-capture';
import {
  type CounterCommand,
  type CounterDrawer,
  counterDrawer,
} from '../../../shared/ipc/channels/counter';

/** The central system cannot be used now (network down, timeout, or failing): retry later. */
export class OfflineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfflineError';
  }
}

/**
 * The server answered, but failed (a 5xx, or an answer that is not JSON): it is up, so this is
 * not "offline"; retrying may help, or the request may be one it cannot take.
 */
export class ServerError extends OfflineError {
  constructor(readonly status: number) {
    super(`server error ${status}`);
    this.name = 'ServerError';
  }
}

/** The server answered and refused (4xx): retrying the same request will not help. */
export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`server refused with ${status}`);
    this.name = 'ServerRefusal';
  }
}

export interface CisClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** HTTP to the central CIS with the session token; every answer validated against the contract. */
export class CisClient {
  private token: string | null = null;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: CisClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  setBaseUrl(url: string): void {
    this.options.baseUrl = url;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    token = this.token,
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new OfflineError((err as Error).message);
    }
    if (response.status >= 500) throw new ServerError(response.status);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ServerError(response.status);
    }
    if (response.status >= 400) throw new ServerRefusal(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ServerRefusal(502, {
        error: 'bad_response',
        issues: parsed.error.issues.slice(0, 3),
      });
    return parsed.data;
  }

  signIn(username: string, password: string): Promise<{ token: string; principal: Principal }> {
    return this.request(
      'POST',
      '/auth/sign-in',
      z.object({ token: z.string(), principal: principalSchema }),
      { username, password },
    );
  }

  /** A temporary password exchanged for the user's own; answers a session as sign-in does. */
  changePassword(
    username: string,
    password: string,
    newPassword: string,
  ): Promise<{ token: string; principal: Principal }> {
    return this.request(
      'POST',
      '/auth/password',
      z.object({ token: z.string(), principal: principalSchema }),
      { username, password, newPassword },
    );
  }

  /** The identity provider's name when the CIS signs in through one; null otherwise. */
  async identityProvider(): Promise<string | null> {
    const answer = await this.request(
      'GET',
      '/auth/identity-provider',
      z.object({ name: z.string().nullable() }),
    );
    return answer.name;
  }

  startProviderSignIn(): Promise<{ authorizationUrl: string; handoff: string }> {
    return this.request(
      'POST',
      '/auth/identity-provider/start',
      z.object({ authorizationUrl: z.string().url(), handoff: z.string() }),
      {},
    );
  }

  /** The session of a sign-in this desk started, or `pending` while the provider has not answered. */
  finishProviderSignIn(
    handoff: string,
  ): Promise<{ token: string; principal: Principal } | { status: 'pending' }> {
    return this.request(
      'POST',
      '/auth/identity-provider/finish',
      z.union([
        z.object({ token: z.string(), principal: principalSchema }),
        z.object({ status: z.literal('pending') }),
      ]),
      { handoff },
    );
  }

  unlock(password: string): Promise<{ ok: boolean }> {
    return this.request('POST', '/auth/unlock', z.object({ ok: z.boolean() }), { password });
  }

  /** Ends this client's session, or another one it was given the token of. */
  signOut(token = this.token): Promise<unknown> {
    return this.request('POST', '/auth/sign-out', z.object({ ok: z.boolean() }), {}, token);
  }

  detail(number: string): Promise<AccountDetail> {
    return this.request('GET', `/accounts/${encodeURIComponent(number)}`, accountDetailSchema);
  }

  snapshot(after: string, limit: number, cursor: number | null): Promise<SnapshotResponse> {
    const q = new URLSearchParams({
      after,
      limit: String(limit),
      ...(cursor === null ? {} : { cursor: String(cursor) }),
    });
    return this.request('GET', `/sync/snapshot?${q}`, snapshotResponse);
  }

  pull(cursor: number, limit: number): Promise<PullResponse> {
    return this.request('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`, pullResponse);
  }

  push(
    clientId: string,
    commands: { seq: number; issuedAt: string; command: unknown }[],
  ): Promise<PushResponse> {
    return this.request('POST', '/sync/push', pushResponse, { clientId, commands });
  }

  /** Starts a card capture on the agent's live call (Twilio Payments on the caller's leg). */
  startCardCapture(callSid: string, body: { accountNumber: string; amountCents: number }) {
    return this.request(
      'POST',
      `/telephony/calls/${encodeURIComponent(callSid)}/card-payments`,
      cardCaptureView,
      body,
    );
  }

  /** Asks the caller for an item of the card, or completes or cancels the capture. */
  cardCaptureStep(
    id: string,
    body: { capture: CardCaptureItem } | { status: 'complete' | 'cancel' },
  ) {
    return this.request(
      'POST',
      `/telephony/card-payments/${encodeURIComponent(id)}`,
      cardCaptureView,
      body,
    );
  }

  /** A card capture as Twilio's status callbacks last reported it. */
  cardCapture(id: string) {
    return this.request(
      'GET',
      `/telephony/card-payments/${encodeURIComponent(id)}`,
      cardCaptureView,
    );
  }

  /** A payment's receipt as the central system prints it (a one-page PDF), in the language asked. */
  async receiptPdf(
    accountNumber: string,
    receiptNumber: string,
    lang: 'en' | 'es',
  ): Promise<Buffer> {
    let response: Response;
    try {
      response = await this.fetchImpl(
        `${this.options.baseUrl}/accounts/${encodeURIComponent(accountNumber)}/payments/${encodeURIComponent(receiptNumber)}/receipt.pdf?lang=${lang}`,
        {
          headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
          signal: AbortSignal.timeout(this.timeoutMs),
        },
      );
    } catch (err) {
      throw new OfflineError((err as Error).message);
    }
    if (response.status >= 500) throw new ServerError(response.status);
    if (response.status >= 400)
      throw new ServerRefusal(response.status, await response.json().catch(() => ({})));
    return Buffer.from(await response.arrayBuffer());
  }

  pendingAdjustments(): Promise<{ pending: AdjustmentRequest[] }> {
    return this.request(
      'GET',
      '/adjustments/pending',
      z.object({ pending: z.array(adjustmentRequest) }),
    );
  }

  /** The caller's open tasks and their team's, the earliest due first. */
  myTasks(): Promise<{ tasks: AccountTask[] }> {
    return this.request('GET', '/follow-up/tasks', z.object({ tasks: z.array(accountTask) }));
  }

  /** Each team's open cases and those overdue (a lead's). */
  casesByTeam(): Promise<{ teams: { team: string; open: number; overdue: number }[] }> {
    return this.request(
      'GET',
      '/follow-up/cases/by-team',
      z.object({
        teams: z.array(z.object({ team: z.string(), open: z.number(), overdue: z.number() })),
      }),
    );
  }

  requestedAdjustments(): Promise<{ requested: AdjustmentRequest[] }> {
    return this.request(
      'GET',
      '/adjustments/requested',
      z.object({ requested: z.array(adjustmentRequest) }),
    );
  }

  /** Publishes a flow file to every desk (a lead's; the server validates it again). */
  publishFlow(source: string): Promise<{ published: PublishedFlow }> {
    return this.request('POST', '/flows/published', z.object({ published: publishedFlow }), {
      source,
    });
  }

  /** The flow versions published after a cursor. */
  publishedFlows(after: number, limit = 50): Promise<PublishedFlowsPage> {
    return this.request(
      'GET',
      `/flows/published?after=${after}&limit=${limit}`,
      publishedFlowsPage,
    );
  }

  /** Every user of the CIS, disabled ones too (an administrator's; never a password). */
  listUsers(): Promise<{ users: UserSummary[] }> {
    return this.request('GET', '/admin/users', z.object({ users: z.array(userSummary) }));
  }

  /** Adds a user with a temporary password (an administrator's, audited with the reason). */
  addUser(body: Record<string, unknown>): Promise<UserSummary> {
    return this.request('POST', '/admin/users', userSummary, body);
  }

  /** One administrator's change to a user: disable, enable, reset the password, change the role. */
  changeUser(
    user: string,
    verb: 'disable' | 'enable' | 'password' | 'role',
    body: Record<string, unknown>,
  ): Promise<UserSummary> {
    return this.request(
      'POST',
      `/admin/users/${encodeURIComponent(user)}/${verb}`,
      userSummary,
      body,
    );
  }

  /** The counter's drawers: the caller's own, a lead's every one (`open`: every open one). */
  counterDrawers(status?: 'open' | 'closed'): Promise<{ drawers: CounterDrawer[] }> {
    return this.request(
      'GET',
      `/counter/drawers${status ? `?status=${status}` : ''}`,
      z.object({ drawers: z.array(counterDrawer) }),
    );
  }

  counterDrawer(id: string): Promise<CounterDrawer> {
    return this.request('GET', `/counter/drawers/${encodeURIComponent(id)}`, counterDrawer);
  }

  /** One counter command applied at once (POST /commands); a refusal is a 409 with its reason. */
  applyNow(command: CounterCommand): Promise<{ result: Record<string, unknown> }> {
    return this.request(
      'POST',
      '/commands',
      z.object({ status: z.literal('applied'), result: z.record(z.string(), z.unknown()) }),
      { command },
    );
  }

  twilioToken(): Promise<{ token: string; identity: string; ttlSeconds: number }> {
    return this.request(
      'POST',
      '/twilio/token',
      z.object({ token: z.string(), identity: z.string(), ttlSeconds: z.number() }),
      {},
    );
  }

  twilioHold(callSid: string, hold: boolean): Promise<unknown> {
    return this.request(
      'POST',
      `/telephony/calls/${encodeURIComponent(callSid)}/hold`,
      z.object({ ok: z.boolean() }),
      { hold },
    );
  }

  twilioTransfer(
    callSid: string,
    target: { kind: 'agent' | 'queue' | 'number'; to: string; warm: boolean },
  ): Promise<unknown> {
    return this.request(
      'POST',
      `/telephony/calls/${encodeURIComponent(callSid)}/transfer`,
      z.object({ ok: z.boolean() }).passthrough(),
      target,
    );
  }

  /** Ends a warm transfer: hand the caller over, or call it off and keep them. */
  twilioTransferOutcome(callSid: string, outcome: 'complete' | 'cancel'): Promise<unknown> {
    return this.request(
      'POST',
      `/telephony/calls/${encodeURIComponent(callSid)}/transfer/${outcome}`,
      z.object({ ok: z.boolean() }),
      {},
    );
  }

  /** Whether the agent can take a call, and how long their softphone rings (the team's). */
  availability(available: boolean, ringSeconds?: number): Promise<unknown> {
    return this.request('POST', '/telephony/availability', z.object({ ok: z.boolean() }), {
      available,
      ringSeconds,
    });
  }
}
