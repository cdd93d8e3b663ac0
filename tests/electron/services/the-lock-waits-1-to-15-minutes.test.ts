import { describe, expect, it } from 'vitest';
import { cisConfigFromEnv } from '../../../electron/services/config';

describe('the lock’s setting', () => {
  it('is 1 to 15 whole minutes, unset by default (15)', () => {
    expect(cisConfigFromEnv({}).lockAfterMinutes).toBeUndefined();
    expect(cisConfigFromEnv({ TAPLINE_LOCK_MINUTES: '5' }).lockAfterMinutes).toBe(5);
    for (const bad of ['16', '0', '2.5', 'soon'])
      expect(() => cisConfigFromEnv({ TAPLINE_LOCK_MINUTES: bad })).toThrow(/TAPLINE_LOCK_MINUTES/);
  });
});
