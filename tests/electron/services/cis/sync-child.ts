// A desktop that is killed mid-sync: opens the cache, queues notes, and pushes and pulls until
// the parent kills it with SIGKILL. Run by sync-survives-faults.test.ts.
import { LocalCache } from '../../../../db/cache';
import { CisClient } from '../../../../electron/services/cis/client';
import { SyncEngine } from '../../../../electron/services/cis/sync';

const [file, key, url, token, account, tag, count] = process.argv.slice(2);
const cache = LocalCache.open({ file, key });
const client = new CisClient({ baseUrl: url });
client.setToken(token);
const engine = new SyncEngine({
  cache,
  client,
  clientId: cache.clientId(() => crypto.randomUUID()),
  events: { status: () => {}, outcome: () => {}, accountsChanged: () => {} },
  snapshotPage: 3,
  pullPage: 2,
});
for (let i = 1; i <= Number(count); i++)
  cache.enqueue(
    { type: 'addNote', accountNumber: account, text: `${tag}${i}` },
    new Date().toISOString(),
  );
process.stdout.write('queued\n');
for (;;) await engine.syncNow();
