import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { screenHousehold } from '../../shared/assistance';
import {
  computeDeposit,
  evaluateDisconnection,
  getCollectionPolicy,
  planArrangement,
} from '../../shared/collections';
import { Temporal } from '../../shared/dates';
import { computeBill, explainBill, getUtilityProfile } from '../../shared/rates';
import { getFieldServiceProfile, planServiceOrder } from '../../shared/service';
import { DeskPage } from '../e2e/pages/desk-page';
import { launchChromium } from '../e2e/support/browser';
import { startDesk } from '../e2e/support/host';

const today = Temporal.PlainDate.from('2026-11-17');

function percentiles(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return `p50 ${at(50).toFixed(3)} ms, p99 ${at(99).toFixed(3)} ms`;
}

/** What the panels recompute on every keystroke, timed one call at a time. */
function keystrokes(): void {
  const n = 2_000;
  const phila = getCollectionPolicy('philadelphia-water-pa')!;
  const maine = getCollectionPolicy('portland-water-me')!;
  const pwd = getUtilityProfile('philadelphia-water-pa')!;
  const field = getFieldServiceProfile('portland-water-me')!;
  const cases: [string, (i: number) => unknown][] = [
    [
      'arrangement accepted',
      (i) =>
        planArrangement(
          phila,
          {
            class: 'residential',
            pastDueCents: 40_000 + i,
            currentCents: 6_915,
            offer: { months: 6 + (i % 7) },
          },
          today,
        ),
    ],
    [
      'arrangement refused, nearest plan searched',
      (i) =>
        planArrangement(
          phila,
          {
            class: 'residential',
            pastDueCents: 8_523 + i,
            currentCents: 6_915,
            offer: { months: 13 },
          },
          today,
        ),
    ],
    [
      'disconnection eligibility (Maine, holidays)',
      (i) =>
        evaluateDisconnection(
          maine,
          {
            class: 'residential',
            pastDueCents: 5_320 + i,
            daysPastDue: 45,
            noticeServed: '2026-11-02',
            arrangement: 'none',
          },
          today,
        ),
    ],
    [
      'deposit',
      (i) =>
        computeDeposit(
          maine,
          {
            class: 'residential',
            averageMonthlyBillCents: 3_200 + i,
            disconnectedLast12Months: true,
          },
          today,
        ),
    ],
    [
      'service order window',
      (i) =>
        planServiceOrder(field, 'reread', {
          now: new Date('2026-11-17T15:00:00Z'),
          today,
          preferred: today.add({ days: i % 30 }).toString(),
        }),
    ],
    [
      'assistance screening',
      (i) =>
        screenHousehold(
          phila,
          { householdSize: 1 + (i % 8), annualIncomeCents: 1_500_000 + i * 100 },
          today,
        ),
    ],
    [
      'bill calculator with its explanation',
      (i) =>
        explainBill(computeBill(pwd, { meterSize: '5/8', usage: (i % 300) / 100, days: 30 }), 'es'),
    ],
  ];
  for (const [name, fn] of cases) {
    for (let i = 0; i < 200; i++) fn(i);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      fn(i);
      samples.push(performance.now() - start);
    }
    console.log(`${name.padEnd(44)} ${percentiles(samples)}  (${n.toLocaleString('en-US')} runs)`);
  }
}

function bundle(): void {
  const dir = 'out/renderer';
  // The first screen's script is the one index.html names; the panels' chunk loads on demand.
  const entry = /<script[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(
    readFileSync(join(dir, 'index.html'), 'utf8'),
  )?.[1];
  const panels = readdirSync(join(dir, 'assets')).find(
    (f) => f.startsWith('Panels-') && f.endsWith('.js'),
  );
  for (const [label, file] of [
    ['first-load JavaScript', entry],
    ['panels chunk (loads with the first panel)', panels && `assets/${panels}`],
  ] as const) {
    if (!file) continue;
    const path = join(dir, file);
    const gz = gzipSync(readFileSync(path)).length;
    console.log(
      `${label}: ${(statSync(path).size / 1024).toFixed(0)} KiB, ${(gz / 1024).toFixed(0)} KiB gzipped`,
    );
  }
}

/** In Chromium through the web host: opening a panel by keyboard, and a keystroke to its plan. */
async function inBrowser(): Promise<void> {
  const accounts = 500;
  const desk = await startDesk({ accounts });
  const browser = await launchChromium();
  try {
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 } })
    ).newPage();
    const ui = new DeskPage(page);
    await ui.open(desk.host.urlWithToken);
    await ui.signInAs(/Alex Rivera/);
    await page
      .getByTestId('sync')
      .filter({ hasText: /Online/ })
      .waitFor({ timeout: 60_000 });
    const h = desk.services.cis.cache
      .search('PA-1000', 200)
      .map((x) => x.header)
      // Enough past due that Philadelphia's equal plan exists (25% down, then at least six
      // installments of at least $10), so the panel shows a plan to time.
      .find((x) => x.status === 'active' && x.pastDueCents >= 20_000 && !x.activeArrangement)!;
    await ui.searchFor(h.number);
    await ui.press('Enter');
    await page.getByText(/^Details as of/).waitFor({ timeout: 30_000 });
    const open = async () => {
      const start = performance.now();
      await ui.press('Control+Alt+KeyP');
      await ui.press('a');
      await page
        .getByText(/then \d+ payments/)
        .first()
        .waitFor();
      const ms = performance.now() - start;
      await ui.press('Escape');
      return ms;
    };
    const first = await open();
    const again: number[] = [];
    for (let i = 0; i < 10; i++) again.push(await open());
    await ui.press('Control+Alt+KeyP');
    await ui.press('a');
    const months = page.locator('section.panel').getByLabel('Months');
    const typed: number[] = [];
    // Alternately an offer the policy accepts and one it refuses with the nearest plan.
    for (let i = 0; i < 20; i++) {
      const refused = i % 2 === 1;
      const start = performance.now();
      await months.fill(refused ? '13' : '6');
      await page
        .getByText(refused ? 'The policy does not accept this offer.' : /then 6 payments/)
        .first()
        .waitFor();
      typed.push(performance.now() - start);
    }
    console.log(
      `first panel opened, its chunk loaded (${accounts} accounts cached): ${first.toFixed(0)} ms`,
    );
    console.log(`panel opened again by keyboard, 10 times: ${percentiles(again)}`);
    console.log(
      `a keystroke in the arrangement to its new plan on screen, 20 times: ${percentiles(typed)}`,
    );
  } finally {
    await browser.close();
    await desk.stop();
  }
}

export async function run(): Promise<void> {
  keystrokes();
  bundle();
  await inBrowser();
}
