import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRAINING_PASSWORD } from '../../../../server/seed/synthetic';
import { testServices } from '../../../support/desk';

let desk: Awaited<ReturnType<typeof testServices>>;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapline-ring-'));
  writeFileSync(join(dataDir, 'team.json'), JSON.stringify({ ringSeconds: 15 }));
  desk = await testServices({ accounts: 10, dataDir, telephony: 'twilio' });
  await desk.registry.call(
    'auth.signIn',
    { username: 'agent', password: TRAINING_PASSWORD },
    desk.session,
  );
}, 60_000);
afterAll(async () => desk?.dispose());

describe('in Twilio mode, the desk', () => {
  it('tells the server its team’s ring time with its availability, so both sides count one ring', async () => {
    const config = await desk.registry.call('softphone.config', {}, desk.session);
    expect(config.ok && config.value.team.ringSeconds).toBe(15);
    const availability = vi.spyOn(desk.cis.client, 'availability');
    const answer = await desk.registry.call(
      'softphone.availability',
      { available: true },
      desk.session,
    );
    // The embedded server took it (it checks the ring time it is given: 5 to 120 s).
    expect(answer).toEqual({ ok: true, value: { ok: true } });
    expect(availability).toHaveBeenCalledWith(true, 15);
  });
});
