import twilio from 'twilio';

/**
 * The Twilio REST calls the desk needs, behind an interface so tests record them instead of
 * calling Twilio. Calls are bridged through conferences so a call can be held and transferred.
 */
export interface TelephonyRest {
  holdParticipant(conference: string, callSid: string, hold: boolean): Promise<void>;
  redirect(callSid: string, twiml: string): Promise<void>;
  addParticipant(conference: string, to: string, from: string): Promise<{ callSid: string }>;
}

export function twilioRest(accountSid: string, apiKey: string, apiSecret: string): TelephonyRest {
  const client = twilio(apiKey, apiSecret, { accountSid });
  return {
    async holdParticipant(conference, callSid, hold) {
      await client.conferences(conference).participants(callSid).update({ hold });
    },
    async redirect(callSid, twiml) {
      await client.calls(callSid).update({ twiml });
    },
    async addParticipant(conference, to, from) {
      const p = await client.conferences(conference).participants.create({ from, to });
      return { callSid: p.callSid };
    },
  };
}
