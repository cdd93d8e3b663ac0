import { buildServer } from '../../../server/app';
import { migrate } from '../../../server/db/migrate';
import type { Mailer } from '../../../server/follow-up/mailer';
import { seedUsers, TRAINING_PASSWORD } from '../../../server/seed/synthetic';
import { accountDetail } from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
import { fixtureAccount, freshDb, type TestServer, TODAY, waterBill } from '../support';

/** A command's answer as a test reads it: applied with its result, or refused with its reason. */
export interface CommandAnswer {
  status?: 'applied' | 'rejected';
  result: Record<string, string>;
  reasonKey?: string;
  details?: Record<string, unknown>;
}

export interface ClockedServer extends TestServer {
  /** Moves the utility's today (and the clock, to 15:00 UTC of that day). */
  setToday(day: string): void;
  post(
    command: Record<string, unknown>,
    token?: string,
  ): Promise<{ code: number; body: CommandAnswer }>;
  get(url: string, token?: string): Promise<{ code: number; body: Record<string, unknown[]> }>;
  detailOf(number: string): Promise<ReturnType<typeof accountDetail.parse>>;
}

/** A CIS with the training users and no accounts, whose today a test moves. */
export async function clockedServer(
  kind: 'pglite' | 'postgres',
  options: { mailer?: Mailer } = {},
): Promise<ClockedServer> {
  const t = await freshDb(kind);
  await migrate(t.db);
  await seedUsers(t.db);
  let today = TODAY;
  const app = await buildServer({
    db: t.db,
    now: () => new Date(`${today.toString()}T15:00:00Z`),
    today: () => today,
    ...options,
  });
  const token = async (username: string) =>
    (
      (
        await app.inject({
          method: 'POST',
          url: '/auth/sign-in',
          payload: { username, password: TRAINING_PASSWORD },
        })
      ).json() as { token: string }
    ).token;
  const tokens = {
    agent: await token('agent'),
    lead: await token('lead'),
    admin: await token('admin'),
  };
  const get = async (url: string, tok = tokens.agent) => {
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tok}` } });
    return { code: r.statusCode, body: r.json() };
  };
  return {
    app,
    db: t.db,
    tokens,
    close: async () => {
      await app.close();
      await t.drop();
    },
    setToday: (day) => {
      today = Temporal.PlainDate.from(day);
    },
    post: async (command, tok = tokens.agent) => {
      const r = await app.inject({
        method: 'POST',
        url: '/commands',
        headers: { authorization: `Bearer ${tok}` },
        payload: { command },
      });
      return { code: r.statusCode, body: r.json() };
    },
    get,
    detailOf: async (number) => accountDetail.parse((await get(`/accounts/${number}`)).body),
  };
}

/**
 * A Portland Water District account $60.00 overdue for 40 days on one $65.00 bill (over Maine's
 * $50.00, not 90 days old). Answers the bill's id.
 */
export async function overdueMaineAccount(s: TestServer, number: string): Promise<string> {
  const [bill] = await fixtureAccount(s.db, {
    number,
    utilityId: 'portland-water-me',
    bills: [waterBill('2026-09-01', 10)],
    pastDue: { cents: 6_000, days: 40, over30: 6_000, over60: 0, over90: 0 },
  });
  return bill;
}
