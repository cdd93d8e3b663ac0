/**
 * One hub instance for the hub bench (a child process): the CIS's HTTP server with only the hub
 * plugin, on the bench's PostgreSQL, sharing through NATS. Prints `ready <port>` when listening
 * and `handled <n>` when asked on stdin; stops on SIGTERM.
 */
import { buildServer } from '../../server/app';
import { postgresDb } from '../../server/db/database';
import { Hub } from '../../server/hub/hub';
import { hubPlugin } from '../../server/hub/plugin';

const db = postgresDb(process.env.BENCH_DATABASE_URL!);
const hub = await Hub.start({
  db,
  instance: process.env.BENCH_INSTANCE,
  natsUrl: process.env.BENCH_NATS_URL,
  natsSubject: process.env.BENCH_NATS_SUBJECT,
});
const app = await buildServer({ db, plugins: [{ plugin: hubPlugin, options: { hub } }] });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
for (let i = 0; i < 200 && hub.sharing() !== 'shared'; i++)
  await new Promise((r) => setTimeout(r, 50));
console.log(`ready ${typeof address === 'object' && address ? address.port : 0} ${hub.sharing()}`);
process.stdin.on('data', () => console.log(`handled ${hub.eventsHandled()}`));
process.on('SIGTERM', async () => {
  await app.close();
  await hub.close();
  await db.close();
  process.exit(0);
});
