import { join } from 'node:path';
import { defaultDataDir } from '../../server/data-folder';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { ensureSeeded } from '../../server/seed/synthetic';
import { utilityIds } from '../../shared/rates';
import { numberOption, parseOptions, requireOption, todayOption } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'generate the synthetic CIS of a utility (deterministic for a seed and a date)',
  usage:
    'seed --utility ID --accounts N [--seed S] [--months 24] [--today YYYY-MM-DD] [--database-url URL | --data-dir DIR] [--json]\n' +
    '  Without --database-url (or DATABASE_URL) it seeds the embedded PGlite of the data folder the desktop\n' +
    '  uses (TAPLINE_DATA_DIR, else the user data folder), as the desktop seeds itself on first start.',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      accounts: { type: 'string' },
      seed: { type: 'string' },
      months: { type: 'string' },
      today: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const utilityId = requireOption(v.utility, 'utility');
    if (!utilityIds.includes(utilityId))
      throw new UsageError(`unknown utility "${utilityId}" (valid: ${utilityIds.join(', ')})`);
    const accounts = numberOption(requireOption(v.accounts, 'accounts'), 'accounts', {
      integer: true,
      min: 1,
    })!;
    const seed = numberOption(v.seed, 'seed', { integer: true }) ?? 1;
    const months = numberOption(v.months, 'months', { integer: true, min: 1 }) ?? 24;
    const today = todayOption(v.today);
    const databaseUrl = v['database-url'] ?? process.env.DATABASE_URL;
    const dataDir = v['data-dir'] ?? defaultDataDir();
    const where = databaseUrl ? 'PostgreSQL' : join(dataDir, 'cis');
    const db = await openDatabase({
      databaseUrl,
      dataDir: databaseUrl ? null : join(dataDir, 'cis'),
    });
    const started = performance.now();
    try {
      await migrate(db);
      let last = 0;
      const outcome = await ensureSeeded(
        db,
        {
          utilityId,
          accounts,
          seed,
          months,
          today,
          batchSize: 2000,
          onProgress: (done) => {
            if (!v.json && done - last >= 50_000) {
              last = done;
              io.err(`  ${done.toLocaleString('en-US')} accounts…`);
            }
          },
        },
        (message) => {
          if (!v.json) io.err(message);
        },
      );
      if (outcome.did === 'nothing') {
        const { rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts');
        throw new UsageError(
          outcome.state.state === 'seeded'
            ? `${where} is already seeded (${rows[0].n} accounts): give another --data-dir or --database-url`
            : `${where} holds data no seed wrote (${rows[0].n} accounts): refusing to seed over it`,
        );
      }
      const summary = outcome.summary!;
      const seconds = (performance.now() - started) / 1000;
      if (v.json)
        io.out(
          JSON.stringify({ ...summary, finished: outcome.did === 'finished', where, seconds }),
        );
      else
        io.out(
          `${outcome.did === 'finished' ? 'Finished the seed' : 'Seeded'} of ${summary.accounts.toLocaleString('en-US')} accounts into ${where} in ${seconds.toFixed(1)} s: ${Object.entries(
            summary.rows,
          )
            .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
            .join(', ')} (${summary.distinctBills} distinct bills computed).`,
        );
      return EXIT.ok;
    } finally {
      await db.close();
    }
  },
};
