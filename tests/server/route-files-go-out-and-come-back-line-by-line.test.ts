import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeFileColumns } from '../../shared/usage/routes';
import { backends, fixtureAccount, fixtureMeter, seededServer, type TestServer } from './support';

/**
 * A lead builds a route of eight meters; a reader downloads the day's file, fills it on a handheld
 * (a good read, a high one without a note, a high one with a note, a stop skipped for a dog, a
 * typo, a meter left unread) and sends it back with bad lines mixed in. Each good line is taken,
 * each bad one is reported with its number and reason, and sending the file twice takes nothing
 * twice. Today is 2026-11-17; every meter was last read 2026-11-01 at 5000, one unit a day.
 */
describe.each(await backends())('route files on %s', (kind) => {
  let s: TestServer;
  let routeId = '';
  const accounts = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `SM-870000${i}`);
  const meters = accounts.map((a) => `m-${a}`);
  beforeAll(async () => {
    s = await seededServer(kind, 0);
    for (const a of accounts) {
      await fixtureAccount(s.db, { number: a });
      await fixtureMeter(s.db, a);
    }
  });
  afterAll(async () => s?.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const upload = (text: string, id = routeId) =>
    s.app.inject({
      method: 'POST',
      url: `/routes/${id}/reads?source=handheld`,
      headers: { ...as(s.tokens.agent), 'content-type': 'text/csv' },
      payload: text,
    });

  it('lets a lead, not an agent, build a route of a municipality’s active meters', async () => {
    const body = {
      utilityId: 'santa-margarita-ca',
      name: 'Elm 1',
      municipality: 'Rancho Santa Margarita',
    };
    const agent = await s.app.inject({
      method: 'POST',
      url: '/routes',
      headers: as(s.tokens.agent),
      payload: body,
    });
    expect(agent.statusCode).toBe(403);
    const r = await s.app.inject({
      method: 'POST',
      url: '/routes',
      headers: as(s.tokens.lead),
      payload: body,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ name: 'Elm 1', stops: 8 });
    routeId = r.json().id;
    const again = await s.app.inject({
      method: 'POST',
      url: '/routes',
      headers: as(s.tokens.lead),
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    const unknown = await s.app.inject({
      method: 'POST',
      url: '/routes',
      headers: as(s.tokens.lead),
      payload: { utilityId: 'santa-margarita-ca', name: 'Elm 2', meterIds: [meters[0], 'm-NOPE'] },
    });
    expect(unknown.statusCode).toBe(422);
  });

  let rows: string[][] = [];
  it('downloads the day’s file: a first line naming it, the columns, a line a meter with its window', async () => {
    const r = await s.app.inject({
      method: 'GET',
      url: `/routes/${routeId}/days/2026-11-16/file`,
      headers: as(s.tokens.agent),
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    rows = parse(r.body, { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['TAPLINE-ROUTE', '1', routeId, '2026-11-16', '8']);
    expect(rows[1]).toEqual([...routeFileColumns]);
    expect(rows.slice(2).map((l) => l[1])).toEqual(meters);
    // Fifteen days since 5000: fifteen units expected, 7.5 to 22.5 in the window, so the
    // whole registers 5008 to 5022 read inside it.
    expect(rows[2].slice(5, 10)).toEqual(['4', '2026-11-01', '5000', '5008', '5022']);
  });

  it('takes each good line, keeps the high one without a note for review, and names every bad line', async () => {
    const col = (name: string) => routeFileColumns.indexOf(name as never);
    const fill = (row: string[], read: string, more: Record<string, string> = {}) => {
      const out = [...row];
      out[col('read')] = read;
      for (const [k, v] of Object.entries(more)) out[col(k)] = v;
      return out;
    };
    const [m1, m2, m3, m4, m5, m6, m7, m8] = rows.slice(2);
    const text = stringify([
      rows[0],
      rows[1],
      fill(m1, '5015', { reader: 'R. Ortiz' }), // line 3: posted
      fill(m2, '5100'), // line 4: high, no note: exception
      fill(m3, '5100', { note: 'pool filled, verified' }), // line 5: high with a reason: posted
      fill(m4, '', { trouble_code: 'dog' }), // line 6: skipped
      fill(m5, '50l5'), // line 7: a typo
      m6, // line 8: not read
      ['1', meters[0], 'too few'], // line 9
      fill(m1, '5016'), // line 10: the same meter again
      fill([...m1.slice(0, 1), 'm-NOPE', ...m1.slice(2)], '1'), // line 11
      fill(m7, '5016', { trouble_code: 'cat' }), // line 12
      fill(m8, '5016', { note: 'card 4111 1111 1111 1111' }), // line 13
    ]);
    const r = await upload(text);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      routeId,
      date: '2026-11-16',
      lines: 11,
      posted: 2,
      exceptions: 1,
      skipped: 1,
      notRead: 1,
      expectedLines: 8,
      problems: [
        { line: 7, meterId: meters[4], reasonKey: 'cis:route.line.read', params: { read: '50l5' } },
        {
          line: 9,
          meterId: meters[0],
          reasonKey: 'cis:route.line.columns',
          params: { found: 3, expected: 15 },
        },
        { line: 10, meterId: meters[0], reasonKey: 'cis:route.line.duplicate', params: {} },
        { line: 11, meterId: 'm-NOPE', reasonKey: 'cis:route.line.unknownMeter', params: {} },
        {
          line: 12,
          meterId: meters[6],
          reasonKey: 'cis:route.line.troubleCode',
          params: { code: 'cat' },
        },
        { line: 13, meterId: meters[7], reasonKey: 'cis:rejected.cardNumber', params: {} },
      ],
    });
    const { rows: stored } = await s.db.query<{
      meter_id: string;
      value: string;
      status: string;
      source: string;
    }>(
      "select meter_id, value, status, source from reads where read_on = '2026-11-16' order by meter_id",
    );
    expect(stored.map((x) => [x.meter_id, Number(x.value), x.status, x.source])).toEqual([
      [meters[0], 5015, 'posted', 'handheld'],
      [meters[1], 5100, 'exception', 'handheld'],
      [meters[2], 5100, 'posted', 'handheld'],
    ]);
    const { rows: card } = await s.db.query(
      "select 1 from reads where reason like '%4111%' union all select 1 from route_skips where note like '%4111%' union all select 1 from audit where details::text like '%4111%'",
    );
    expect(card).toEqual([]);
    const audit = await s.db.query<{ details: { posted: number; problems: number } }>(
      "select details from audit where action = 'routeReadsUploaded' order by id desc limit 1",
    );
    expect(audit.rows[0].details).toMatchObject({ posted: 2, problems: 6 });
  });

  it('takes nothing twice when the same file comes back', async () => {
    const text = stringify([rows[0], rows[1], [...rows[2].slice(0, 10), '5015', '', '', '', '']]);
    const r = await upload(text);
    expect(r.json()).toMatchObject({
      posted: 0,
      problems: [{ line: 3, reasonKey: 'cis:route.line.alreadyRead' }],
    });
  });

  it('shows the day’s progress: read, for review, skipped with its code, left', async () => {
    const r = await s.app.inject({
      method: 'GET',
      url: `/routes/${routeId}/days/2026-11-16`,
      headers: as(s.tokens.agent),
    });
    expect(r.json()).toEqual({
      routeId,
      date: '2026-11-16',
      stops: 8,
      read: 2,
      exceptions: 1,
      skipped: [{ meterId: meters[3], troubleCode: 'dog' }],
      remaining: 4,
    });
  });

  it('refuses a file that is not this route’s whole, taking nothing', async () => {
    const other = stringify([['TAPLINE-ROUTE', '1', 'R-other', '2026-11-16', '0'], rows[1]]);
    const notRoute = 'name,amount\nAda,5\n';
    for (const [text, reasonKey] of [
      [other, 'cis:route.file.otherRoute'],
      [notRoute, 'cis:route.file.notRoute'],
      [stringify([rows[0], ['sequence', 'meter']]), 'cis:route.file.columns'],
      ['"unterminated\n', 'cis:route.file.unreadable'],
    ]) {
      const r = await upload(text);
      expect(r.statusCode, text).toBe(422);
      expect(r.json().reasonKey).toBe(reasonKey);
    }
  });
});
