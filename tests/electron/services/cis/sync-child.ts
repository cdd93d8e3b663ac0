// A desktop that is killed mid-sync: opens the cache, queues notes, and pushes and pulls until
// the parent kills it with SIGKILL. Run by sync-survives-faults.test.ts.
//
// With a `where` of snapshot, push or pull, it stops inside that transaction of the cache (a
// temporary trigger calls a function that says so on stdout and then blocks), so the parent's
// kill lands there: between the first page of the initial load and the next, between the
// server's answer to a push and the record of its outcomes, or in a pull's changes before the
// new cursor commits.
import { writeSync } from 'node:fs';
import { LocalCache } from '../../../../db/cache';
import { CisClient } from '../../../../electron/services/cis/client';
import { SyncEngine } from '../../../../electron/services/cis/sync';

const [file, key, url, token, account, tag, count, where] = process.argv.slice(2);
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
  prefetch: null,
});

cache.db.function('stop_inside', (place: unknown) => {
  writeSync(1, `inside ${String(place)}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  return null;
});
const triggers: Record<string, string> = {
  snapshot:
    "create temp trigger stop_inside_snapshot after insert on headers when (select count(*) from headers) > 3 begin select stop_inside('snapshot'); end",
  push: "create temp trigger stop_inside_push after update of status on outbox when new.status <> 'pending' begin select stop_inside('push'); end",
  pull: "create temp trigger stop_inside_pull after update on meta when new.key = 'cursor' and cast(new.value as integer) > cast(old.value as integer) begin select stop_inside('pull'); end",
};
if (where && where !== 'anywhere') cache.db.exec(triggers[where]);

for (let i = 1; i <= Number(count); i++)
  cache.enqueue(
    { type: 'addNote', accountNumber: account, text: `${tag}${i}` },
    new Date().toISOString(),
  );
writeSync(1, 'queued\n');
// Orphaned (the test that started it failed before killing it): stop rather than spin on.
const parent = process.ppid;
while (process.ppid === parent) {
  await engine.syncNow();
  await new Promise((r) => setTimeout(r, 5));
}
