/**
 * Which softphone the desk uses, from the environment: the training simulator unless
 * TAPLINE_TELEPHONY=twilio, and for Twilio the edges to try in order (TAPLINE_TWILIO_EDGES,
 * comma-separated) and the home region of Voice Insights (TAPLINE_TWILIO_HOME).
 */
export interface TelephonyMode {
  mode: 'simulator' | 'twilio';
  edges: string[];
  home: string;
}

/**
 * Twilio's US edges, then roaming: the Voice SDK falls back along this list when an edge cannot
 * be reached (edge fallback).
 */
export const DEFAULT_TWILIO_EDGES = ['ashburn', 'umatilla', 'roaming'];

// Edge and region names go into the Content-Security-Policy: letters, digits and dashes only.
const NAME = /^[a-z0-9-]{2,30}$/;

export function telephonyFromEnv(env: NodeJS.ProcessEnv = process.env): TelephonyMode {
  const mode = env.TAPLINE_TELEPHONY === 'twilio' ? 'twilio' : 'simulator';
  if (env.TAPLINE_TELEPHONY && !['twilio', 'simulator'].includes(env.TAPLINE_TELEPHONY))
    throw new Error(`TAPLINE_TELEPHONY "${env.TAPLINE_TELEPHONY}" is not twilio or simulator`);
  const edges = env.TAPLINE_TWILIO_EDGES
    ? env.TAPLINE_TWILIO_EDGES.split(',').map((e) => e.trim())
    : DEFAULT_TWILIO_EDGES;
  const home = env.TAPLINE_TWILIO_HOME ?? 'us1';
  for (const name of [...edges, home])
    if (!NAME.test(name))
      throw new Error(`"${name}" is not a Twilio edge or region name (TAPLINE_TWILIO_EDGES/HOME)`);
  return { mode, edges, home };
}

/**
 * What the renderer may reach for the softphone: nothing in the simulator; in Twilio mode the
 * Voice SDK's signalling socket on each edge (wss://voice-js.EDGE.twilio.com), Voice Insights
 * (eventgw, global and the home region) and the SDK's ringtone and DTMF sounds (sdk.twilio.com,
 * fetched, or played by an audio element where Web Audio is missing).
 */
export function telephonySources(t: TelephonyMode): { connect: string[]; media: string[] } {
  if (t.mode !== 'twilio') return { connect: [], media: [] };
  return {
    connect: [
      ...t.edges.map((edge) => `wss://voice-js.${edge}.twilio.com`),
      'https://eventgw.twilio.com',
      `https://eventgw.${t.home}.twilio.com`,
      'https://sdk.twilio.com',
    ],
    media: ['https://sdk.twilio.com'],
  };
}
