import {
  type FieldServiceProfile,
  type FieldServiceProfileInput,
  loadFieldServiceProfile,
} from './profile';

/**
 * No utility's dispatch rules were gathered (none were published where we looked): every window and
 * escalation below is a utility setting, labelled so wherever it shows, for the utility to set.
 */
const setting = (utility: string, note: string) => ({
  citation: `${utility} field service setting (not a published rule)`,
  utilitySetting: true,
  note,
});

const morningWindow = (utility: string) => ({
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

const water = (
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

export const fieldServiceProfiles: readonly FieldServiceProfile[] = [
  water('portland-water-me', 'Portland Water District', 'ME', 'America/New_York'),
  water('philadelphia-water-pa', 'Philadelphia Water Department', 'PA', 'America/New_York'),
  water('santa-margarita-ca', 'Santa Margarita Water District', 'CA', 'America/Los_Angeles'),
  water('marin-water-ca', 'Marin Municipal Water District', 'CA', 'America/Los_Angeles'),
  {
    utilityId: 'alameda-power-ca',
    state: 'CA',
    timeZone: 'America/Los_Angeles',
    appointment: morningWindow('Alameda Municipal Power'),
    // An electric utility: no water emergencies. Outages and wires down go to its own trouble
    // line, which is not an order type here.
    emergencies: {},
    notes: [
      'Electric trouble (outages, wires down) is reported to the utility\u2019s trouble line, not filed as an order from Tapline.',
    ],
  },
].map(loadFieldServiceProfile);

export function getFieldServiceProfile(utilityId: string): FieldServiceProfile | undefined {
  return fieldServiceProfiles.find((p) => p.utilityId === utilityId);
}
