import type { FieldServiceProfileInput } from '../service/profile';

/**
 * No utility's dispatch rules were gathered (none were published where we looked): every window and
 * escalation below is a utility setting, labelled so wherever it shows, for the utility to set.
 */
const setting = (utility: string, note: string) => ({
  citation: `${utility} field service setting (not a published rule)`,
  utilitySetting: true,
  note,
});

export const morningWindow = (utility: string) => ({
  startHour: 8,
  endHour: 12,
  leadBusinessDays: 1,
  source: setting(utility, 'routine work the next business morning, 8 a.m. to noon'),
});

const waterEmergencies = (utility: string) => ({
  'emergency-no-water': {
    respondWithinMinutes: 240,
    escalateTo: ['distribution-dispatch' as const],
    source: setting(utility, 'no water: a crew within 4 hours, dispatched by distribution'),
  },
  'emergency-main-break': {
    respondWithinMinutes: 60,
    escalateTo: ['distribution-dispatch' as const, 'on-call-supervisor' as const],
    source: setting(
      utility,
      'main break: a crew within 1 hour; the on-call supervisor is told at once',
    ),
  },
});

/** A water utility's field service: the morning window and the water emergencies, all settings. */
export const water = (
  utilityId: string,
  utility: string,
  state: string,
  timeZone: string,
): FieldServiceProfileInput => ({
  utilityId,
  state,
  timeZone,
  appointment: morningWindow(utility),
  emergencies: waterEmergencies(utility),
  notes: [`${utility}'s dispatch rules were not gathered: windows and escalations are settings.`],
});
