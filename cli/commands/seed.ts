import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedSyntheticUtility, seedUsers } from '../../server/seed/synthetic';
import { utilityIds } from '../../shared/rates';
import { numberOption, parseOptions, requireOption, todayOption } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'generate the synthetic CIS of a utility (deterministic for a seed and a date)',
  usage:
    'seed --utility ID --accounts N [--seed S] [--months 24] [--today YYYY-MM-DD] [--database-url URL | --data-dir DIR] [--json]',
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
    const databaseUrl = v['database-url'] ?? process.env.DATABASE_URL;
    if (!databaseUrl && !v['data-dir'])
      throw new UsageError('give --database-url (PostgreSQL) or --data-dir (embedded PGlite)');
    const db = await openDatabase({
      databaseUrl,
      dataDir: v['data-dir'] ? join(v['data-dir'], 'cis') : null,
    });
    const started = performance.now();
    try {
      await migrate(db);
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from accounts');
      if (rows[0].n > 0)
        throw new UsageError(`the database already holds ${rows[0].n} accounts: seed an empty one`);
      await seedUsers(db);
      let last = 0;
      const summary = await seedSyntheticUtility(db, {
        utilityId,
        accounts,
        seed: numberOption(v.seed, 'seed', { integer: true }) ?? 1,
        months: numberOption(v.months, 'months', { integer: true, min: 1 }) ?? 24,
        today: todayOption(v.today),
        batchSize: 2000,
        onProgress: (done) => {
          if (!v.json && done - last >= 50_000) {
            last = done;
            io.err(`  ${done.toLocaleString('en-US')} accounts…`);
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      if (v.json) io.out(JSON.stringify({ ...summary, seconds }));
      else
        io.out(
          `Seeded ${accounts.toLocaleString('en-US')} accounts of ${utilityId} in ${seconds.toFixed(1)} s: ${Object.entries(
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
