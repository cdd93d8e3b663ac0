import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamClientId } from '../../../../electron/services/cis/sync';
import { backends } from '../../../server/support';
import {
  type CisUnderTest,
  cisUnderTest,
  desktopOn,
  type Fault,
  faultyFetch,
  tagged,
} from './cis-under-test';

/**
 * One workstation, two users: the commands an agent left queued offline wait for that agent, and
 * never hold the commands of the lead who signs in after; each user's commands reach the server
 * exactly once and in order, in a (clientId, seq) stream of their own.
 */
describe.each(await backends())('two users on one workstation, on %s', (kind) => {
  let cis: CisUnderTest;
  let agent: { token: string; userId: string };
  let lead: { token: string; userId: string };

  beforeAll(async () => {
    cis = await cisUnderTest(kind);
    const a = await cis.signIn('agent');
    const l = await cis.signIn('lead');
    agent = { token: a.token, userId: a.principal.userId };
    lead = { token: l.token, userId: l.principal.userId };
  }, 120_000);
  afterAll(async () => cis?.close(), 60_000);

  it('sends the lead’s commands while the agent’s wait for the agent, each exactly once and in order', async () => {
    const tag = tagged('two');
    let signedIn: { token: string; userId: string } | null = agent;
    const faults: Fault[] = [];
    const d = desktopOn(cis, join(cis.dir, `${tag}.db`), {
      token: agent.token,
      issuer: () => signedIn?.userId ?? null,
      fetchImpl: faultyFetch(() => faults.shift() ?? 'none'),
    });
    const signInAs = (user: typeof agent | null) => {
      signedIn = user;
      d.client.setToken(user?.token ?? null);
    };
    await d.engine.syncNow();

    // The agent works offline, then leaves without the central system coming back.
    await cis.stop();
    d.note(`${tag}agent-1`, agent.userId);
    d.note(`${tag}agent-2`, agent.userId);
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: false, pending: 2 });
    signInAs(null);
    await cis.start();

    // The lead signs in on the same workstation: the lead's commands go, the agent's wait.
    signInAs(lead);
    d.note(`${tag}lead-1`, lead.userId);
    faults.push('drop-reply');
    d.note(`${tag}lead-2`, lead.userId);
    await d.engine.syncNow();
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, pending: 2, heldForOtherUser: 2 });
    d.note(`${tag}lead-3`, lead.userId);
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ pending: 2, heldForOtherUser: 2 });

    // The agent comes back: their commands go, in the order they were taken.
    signInAs(agent);
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ online: true, pending: 0, heldForOtherUser: 0 });

    const notes = await cis
      .server()
      .db.query<{ text: string; author_id: string }>(
        'select text, author_id from notes where text like $1 order by created_at, text',
        [`${tag}%`],
      );
    expect(notes.rows.map((r) => [r.text.slice(tag.length), r.author_id])).toEqual([
      ['lead-1', lead.userId],
      ['lead-2', lead.userId],
      ['lead-3', lead.userId],
      ['agent-1', agent.userId],
      ['agent-2', agent.userId],
    ]);
    const workstation = d.cache.meta('client_id')!;
    const streams = await cis
      .server()
      .db.query<{ client_id: string; last_seq: number }>(
        'select client_id, last_seq from sync_clients where client_id = any($1::text[]) order by last_seq',
        [[streamClientId(workstation, agent.userId), streamClientId(workstation, lead.userId)]],
      );
    expect(streams.rows.map((r) => [r.client_id, Number(r.last_seq)])).toEqual([
      [streamClientId(workstation, agent.userId), 2],
      [streamClientId(workstation, lead.userId), 3],
    ]);
    await d.close();
  });

  it('sends what was queued with no user under whoever is signed in', async () => {
    const tag = tagged('nobody');
    const d = desktopOn(cis, join(cis.dir, `${tag}.db`), {
      token: lead.token,
      issuer: () => lead.userId,
    });
    await d.engine.syncNow();
    d.note(`${tag}1`);
    await d.engine.syncNow();
    expect(d.engine.current()).toMatchObject({ pending: 0, heldForOtherUser: 0 });
    expect(await cis.notesTagged(tag)).toEqual([`${tag}1`]);
    await d.close();
  });
});

describe('a user’s stream id', () => {
  it('is a version 5 UUID, the same for the same user on the same workstation, apart for others', () => {
    const ws = '6f1c2a9e-4b7d-4e21-9a0c-3d5e7f901234';
    const a = streamClientId(ws, 'u-agent');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(streamClientId(ws, 'u-agent')).toBe(a);
    expect(streamClientId(ws, 'u-lead')).not.toBe(a);
    expect(streamClientId('0f1c2a9e-4b7d-4e21-9a0c-3d5e7f901234', 'u-agent')).not.toBe(a);
    // RFC 9562's example: "www.example.com" in the DNS namespace.
    expect(streamClientId('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
