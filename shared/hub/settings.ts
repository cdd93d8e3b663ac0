/**
 * The hub's settings a host chooses (the desktop for its embedded CIS, `npm run server` for a
 * central one): plain data, so the desktop can hand them to the embedded CIS's worker.
 */
export interface HubSettings {
  /** NATS servers shared by the hub instances (unset: one hub, nothing shared). */
  natsUrl?: string;
  /** The subjects' prefix, for floors sharing one NATS. */
  natsSubject?: string;
  /** This instance's name (default: random). */
  instance?: string;
  /** The floor's day and the reports' intervals (default: the machine's zone). */
  timeZone?: string;
  /** Plays a simulated floor of this many agents into the hub (training and demonstrations). */
  trainingFloor?: { agents: number } | null;
}

/** Is this an IANA time zone name Intl knows (America/New_York)? */
function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The hub's settings from the environment:
 * - TAPLINE_NATS_URL: NATS servers shared by the hub instances (unset: one hub, nothing shared);
 * - TAPLINE_NATS_SUBJECT: the subjects' prefix, for floors sharing one NATS (default tapline.hub.v2);
 * - TAPLINE_HUB_INSTANCE: this instance's name (default: random);
 * - TAPLINE_TIME_ZONE: the floor's day and the reports' intervals (default: the machine's zone);
 * - TAPLINE_TRAINING_FLOOR: simulated agents to play into the hub, 0 for none
 *   (`trainingAgents` is the default: 0 on a central server, 36 on the embedded training CIS).
 */
export function hubConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  trainingAgents = 0,
): HubSettings {
  const timeZone = env.TAPLINE_TIME_ZONE || undefined;
  if (timeZone && !knownTimeZone(timeZone))
    throw new Error(
      `TAPLINE_TIME_ZONE "${timeZone}" is not a time zone name (e.g. America/New_York)`,
    );
  const agents =
    env.TAPLINE_TRAINING_FLOOR === undefined ? trainingAgents : Number(env.TAPLINE_TRAINING_FLOOR);
  if (!Number.isInteger(agents) || agents < 0 || agents > 2000)
    throw new Error('TAPLINE_TRAINING_FLOOR must be a whole number of agents from 0 to 2000');
  return {
    natsUrl: env.TAPLINE_NATS_URL || undefined,
    natsSubject: env.TAPLINE_NATS_SUBJECT || undefined,
    instance: env.TAPLINE_HUB_INSTANCE || undefined,
    timeZone,
    trainingFloor: agents > 0 ? { agents } : null,
  };
}
