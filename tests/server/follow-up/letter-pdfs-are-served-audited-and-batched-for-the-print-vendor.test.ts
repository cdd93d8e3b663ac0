import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, tar } from '../../../server/follow-up/print-batch';
import { pdfPagesText } from '../../support/pdf-text';
import { backends } from '../support';
import { type ClockedServer, clockedServer, overdueMaineAccount } from './support';

/** The files of a ustar archive, read the way `tar` reads them (header, size in octal, padding). */
function untar(archive: Buffer): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  let at = 0;
  while (at + 512 <= archive.length && archive[at] !== 0) {
    const header = archive.subarray(at, at + 512);
    const name = header.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('ascii'), 8);
    const stored = Number.parseInt(header.subarray(148, 156).toString('ascii'), 8);
    const blank = Buffer.from(header);
    blank.fill(0x20, 148, 156);
    expect(blank.reduce((a, b) => a + b, 0)).toBe(stored);
    expect(header.subarray(257, 263).toString('ascii')).toBe('ustar\0');
    out.push({ name, data: archive.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe.each(await backends())('letter PDFs and the print batch on %s', (kind) => {
  let s: ClockedServer;
  beforeAll(async () => {
    s = await clockedServer(kind);
    await overdueMaineAccount(s, 'PW-7400011');
    await overdueMaineAccount(s, 'PW-7400012');
  }, 120_000);
  afterAll(async () => s?.close());

  const inject = (
    method: 'GET' | 'POST',
    url: string,
    token?: string,
    payload?: Record<string, unknown>,
  ) =>
    s.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload }),
    });
  const letter = async (number: string, language: 'en' | 'es') => {
    const r = await s.post({
      type: 'sendLetter',
      accountNumber: number,
      template: 'welcome',
      language,
      caseId: null,
      answer: null,
      delivery: 'mail',
    });
    expect(r.body.status, JSON.stringify(r.body)).toBe('applied');
    return r.body.result.letterId;
  };

  it('serves a letter’s PDF to a signed-in user, audits the view, and not across accounts', async () => {
    const id = await letter('PW-7400011', 'es');
    const url = `/accounts/PW-7400011/letters/${id}/letter.pdf`;
    expect((await inject('GET', url)).statusCode).toBe(401);
    const r = await inject('GET', url, s.tokens.agent);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPagesText(new Uint8Array(r.rawPayload))).join('\n');
    expect(text).toContain('Estimado/a Fixture Holder');
    const { rows } = await s.db.query<{ user_id: string; details: { letterId: string } }>(
      "select user_id, details from audit where action = 'letterViewed'",
    );
    expect(rows).toEqual([
      expect.objectContaining({
        user_id: 'u-agent',
        details: expect.objectContaining({ letterId: id }),
      }),
    ]);
    // The letter's id under another account's number is no letter at all.
    const other = await inject(
      'GET',
      `/accounts/PW-7400012/letters/${id}/letter.pdf`,
      s.tokens.agent,
    );
    expect(other.statusCode).toBe(404);
    const attack = await inject(
      'GET',
      `/accounts/PW-7400011/letters/..%2F${id}/letter.pdf`,
      s.tokens.agent,
    );
    expect([400, 404]).toContain(attack.statusCode);
  });

  it('batches every queued mail letter once, for a lead only, as manifest.csv and the PDFs', async () => {
    // The first test's letter is still queued; this one joins it (the clock stands still, so
    // the two are printed in the order of their ids).
    const second = await letter('PW-7400012', 'en');
    expect((await inject('POST', '/follow-up/print-batches', s.tokens.agent, {})).statusCode).toBe(
      403,
    );
    expect(
      (await inject('POST', '/follow-up/print-batches', s.tokens.lead, { limit: 0 })).statusCode,
    ).toBe(400);
    const r = await inject('POST', '/follow-up/print-batches', s.tokens.lead, {});
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-tar');
    expect(r.headers['x-tapline-letters']).toBe('2');
    const files = untar(r.rawPayload);
    expect(files.map((f) => f.name)).toEqual([
      'manifest.csv',
      expect.stringMatching(/^0001-.+\.pdf$/),
      expect.stringMatching(/^0002-.+\.pdf$/),
    ]);
    const rows = files[0].data.toString('utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'sequence,file,letter_id,account_number,template,language,pages,name,address_line1,address_line2,city,state,zip',
    );
    const row = rows.find((line) => line.includes(`,${second},`))!;
    const n = row.split(',')[0];
    expect(row).toBe(
      `${n},000${n}-${second}.pdf,${second},PW-7400012,welcome,en,1,Fixture Holder,9 Elm St,,Rancho Santa Margarita,CA,92688`,
    );
    const file = files.find((f) => f.name === `000${n}-${second}.pdf`)!;
    const served = await inject(
      'GET',
      `/accounts/PW-7400012/letters/${second}/letter.pdf`,
      s.tokens.agent,
    );
    expect(Buffer.compare(file.data, served.rawPayload)).toBe(0);
    const detail = await s.detailOf('PW-7400012');
    expect(detail.letters[0]).toMatchObject({ id: second, status: 'sent' });
    // Made once: nothing is left to batch.
    expect((await inject('POST', '/follow-up/print-batches', s.tokens.lead, {})).statusCode).toBe(
      204,
    );
    const audit = await s.db.query<{ user_id: string; details: { letterIds: string[] } }>(
      "select user_id, details from audit where action = 'letterBatchPrinted'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].user_id).toBe('u-lead');
    expect(audit.rows[0].details.letterIds).toContain(second);
  });

  it('quotes a manifest field with a comma or a quote, and pads each file to 512 bytes', () => {
    expect(csvField('Peña, Ana "Annie"')).toBe('"Peña, Ana ""Annie"""');
    expect(csvField('9 Elm St')).toBe('9 Elm St');
    const archive = tar([{ name: 'a.txt', data: Buffer.from('x'.repeat(513)) }], new Date(0));
    expect(archive.length).toBe(512 + 1024 + 1024);
    expect(untar(archive)[0].data.toString()).toBe('x'.repeat(513));
  });
});
