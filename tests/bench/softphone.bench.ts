import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fakerEN_US, fakerES_MX } from '@faker-js/faker';
import { LocalCache } from '../../db/cache';
import { startWebHost } from '../../electron/web/host';
import type { AccountHeader } from '../../shared/cis';
import { getUtility } from '../../shared/utilities';
import { DeskPage } from '../e2e/pages/desk-page';
import { SoftphonePage } from '../e2e/pages/softphone-page';
import { launchChromium } from '../e2e/support/browser';
import { TEST_CACHE_KEY, testServices } from '../support/desk';
import { seededRandom } from '../support/fake-clock';

/**
 * Screen-pop at Philadelphia's size: from the training simulator's ring to the caller's account
 * shown in Chromium, with TAPLINE_BENCH_ACCOUNTS (500,000) account headers in the desktop's local
 * cache. The cache is what screen-pop reads, so it is filled directly with realistic headers
 * (names in English and Spanish, the city's area codes and ZIP codes, 1% of phones shared with the
 * account before), rather than seeding the central system for half an hour.
 */
const ACCOUNTS = Number(process.env.TAPLINE_BENCH_ACCOUNTS ?? 500_000);
const RINGS = Number(process.env.TAPLINE_BENCH_RINGS ?? 200);
const WARM_UP = 10;

function headers(count: number): AccountHeader[] {
  const place = getUtility('philadelphia-water-pa')!.seed.places;
  const random = seededRandom(42);
  fakerEN_US.seed(42);
  fakerES_MX.seed(42);
  const out: AccountHeader[] = [];
  let phone = '';
  for (let i = 0; i < count; i++) {
    const spanish = random() < place.spanishShare;
    const faker = spanish ? fakerES_MX : fakerEN_US;
    const area = place.areaCodes[Math.floor(random() * place.areaCodes.length)];
    if (i === 0 || random() >= 0.01)
      phone = `${area}${String(2_000_000 + Math.floor(random() * 7_999_999)).padStart(7, '0')}`;
    const pastDue = random() < 0.1 ? Math.round(random() * 40_000) : 0;
    const town = place.towns[0];
    out.push({
      number: `PA-${2_000_000 + i}`,
      utilityId: 'philadelphia-water-pa',
      name: `${faker.person.firstName()} ${faker.person.lastName()}`,
      phones: [phone],
      serviceAddress: `${faker.location.streetAddress()}, ${town.city}, PA ${town.zips[i % town.zips.length]}`,
      municipality: town.municipality,
      status: random() < 0.96 ? 'active' : 'closed',
      class: random() < 0.93 ? 'residential' : 'commercial',
      balanceCents: pastDue + Math.round(random() * 15_000),
      pastDueCents: pastDue,
      pastDueDays: pastDue ? 30 + Math.floor(random() * 90) : 0,
      language: spanish ? 'es' : 'en',
      protections: random() < 0.08 ? ['low-income'] : [],
      activeArrangement: random() < 0.01,
      openNotices: pastDue && random() < 0.15 ? 1 : 0,
      version: 1,
    });
  }
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapline-bench-softphone-'));
  try {
    let t = performance.now();
    const all = headers(ACCOUNTS);
    const cache = LocalCache.open({ file: join(dataDir, 'cache.db'), key: TEST_CACHE_KEY });
    for (let i = 0; i < all.length; i += 10_000) cache.upsertHeaders(all.slice(i, i + 10_000));
    cache.close();
    const size = statSync(join(dataDir, 'cache.db')).size;
    console.log(
      `cache: ${ACCOUNTS.toLocaleString('en-US')} account headers written in ${((performance.now() - t) / 1000).toFixed(0)} s; ${(size / 2 ** 20).toFixed(0)} MiB encrypted`,
    );

    const services = await testServices({ dataDir, accounts: 40 });
    const host = await startWebHost({
      registry: services.registry,
      session: services.session,
      staticDir: resolve('out/renderer'),
      port: 0,
    });
    const browser = await launchChromium();
    try {
      const page = await (
        await browser.newContext({ viewport: { width: 1366, height: 768 } })
      ).newPage();
      page.setDefaultTimeout(30_000);
      const ui = new DeskPage(page);
      const phone = new SoftphonePage(page);
      await ui.open(host.urlWithToken);
      await ui.signInAs(/Alex Rivera/);
      await phone.choose('available');
      await phone.inState('Available');
      console.log(
        `desk: ${services.cis.cache.headerCount().toLocaleString('en-US')} headers in the cache`,
      );

      // Callers whose number is theirs alone, each with a name unlike the one before.
      const random = seededRandom(7);
      const samples: number[] = [];
      let previous = '';
      for (let i = 0; i < RINGS + WARM_UP; i++) {
        let h: AccountHeader;
        do h = all[Math.floor(random() * all.length)];
        while (h.name === previous || services.cis.cache.byPhone(h.phones[0]).length !== 1);
        previous = h.name;
        // The moment the account's name is on screen: the mutation, then the frame that paints it.
        // (A string, so the bundler's helpers do not leak into the page; `void`, so the evaluation
        // does not wait for the promise it sets up.)
        await page.evaluate(`void (window.shown = new Promise((done) => {
          const observer = new MutationObserver(() => {
            if (document.getElementById('account-name')?.textContent !== ${JSON.stringify(h.name)}) return;
            observer.disconnect();
            requestAnimationFrame(() => done(performance.timeOrigin + performance.now()));
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => done(-1), 30000);
        }))`);
        t = performance.timeOrigin + performance.now();
        const id = services.simulator.ring({
          phone: h.phones[0],
          name: h.name,
          language: h.language,
          accountNumber: h.number,
          reason: 'high-bill',
        })!;
        const shown = (await page.evaluate('window.shown')) as number;
        if (shown < 0) {
          await ui.screenshot('softphone-bench-not-shown');
          throw new Error(
            `ring ${i}: ${h.number} (${h.name}) was not shown within 30 s, ${await page.evaluate("document.getElementById('account-name')?.textContent")}`,
          );
        }
        if (i >= WARM_UP) samples.push(shown - t);
        services.simulator.callerHangup(id);
        await phone.inState('Available');
      }
      samples.sort((a, b) => a - b);
      console.log(
        `ring to account shown, ${RINGS} rings: p50 ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms, max ${samples.at(-1)!.toFixed(0)} ms`,
      );
    } finally {
      await browser.close();
      await host.close();
      await services.dispose();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
