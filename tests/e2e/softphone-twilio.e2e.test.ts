import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskPage } from './pages/desk-page';
import { SoftphonePage } from './pages/softphone-page';
import { launchChromium } from './support/browser';
import { type RunningDesk, startDesk } from './support/host';

/** Twilio settings of a made-up account: tokens are minted for real, nothing reaches Twilio. */
const TWILIO = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
  TWILIO_API_KEY: 'SK00000000000000000000000000000000',
  TWILIO_API_SECRET: 'not-a-real-secret',
  TWILIO_TWIML_APP_SID: 'AP00000000000000000000000000000000',
  TWILIO_AUTH_TOKEN: '0123456789abcdef0123456789abcdef',
  TAPLINE_PUBLIC_URL: 'https://cis.utility.example',
};

describe('the softphone in Twilio mode, in Chromium through the web host', () => {
  let desk: RunningDesk;
  let browser: Browser;
  let page: Page;
  let ui: DeskPage;
  let csp = '';
  const sockets: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    Object.assign(process.env, TWILIO);
    desk = await startDesk({ accounts: 20, telephony: 'twilio' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(15_000);
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    ui = new DeskPage(page);
    const response = await page.goto(desk.host.urlWithToken);
    csp = response?.headers()['content-security-policy'] ?? '';
    await page
      .getByTestId('connection')
      .filter({ hasText: /Connected/ })
      .waitFor();
    await ui.signInAs(/Alex Rivera/);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    for (const key of Object.keys(TWILIO)) delete process.env[key];
  });

  it('constructs the Voice SDK’s Device with a token from the server and connects to the first edge, inside the CSP', async () => {
    await page.getByText('Live calls').waitFor();
    expect(await page.getByTestId('simulator').count()).toBe(0);
    expect(csp).toContain('wss://voice-js.ashburn.twilio.com');
    await expect
      .poll(() => sockets.filter((u) => u.startsWith('wss://')))
      .toContain('wss://voice-js.ashburn.twilio.com/signal');
    expect(refused).toEqual([]);
    // No network here: the Device never registers, and the agent is told.
    await page.getByText('Connecting the softphone to Twilio…').waitFor();
    await new SoftphonePage(page).choose('available');
    await ui.expectNoSeriousViolations();
    await ui.screenshot('softphone-twilio-en');
  });
});
