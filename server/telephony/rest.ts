import { twilioLib } from './twilio-lib';

/** A leg to add to a call's conference: an agent's softphone (`client:ID`) or a phone number. */
export interface NewParticipant {
  to: string;
  from: string;
  /** Seconds it may ring before Twilio gives up on it. */
  timeout: number;
  /** Where Twilio reports the leg's progress (signed, like every webhook). */
  statusCallback: string;
  /** The caller stays on hold while this leg rings and talks (a warm transfer's consult). */
  label: string;
}

/**
 * The Twilio REST calls the desk needs, behind an interface so tests record them instead of
 * calling Twilio. Each routed call lives in a conference named for the caller's CallSid, so it can
 * be held and transferred: a participant is added by the conference's name, and updated or
 * removed by its ConferenceSid (Twilio's Conference Participant resource).
 */
export interface TelephonyRest {
  addParticipant(
    conferenceName: string,
    leg: NewParticipant,
  ): Promise<{ callSid: string; conferenceSid: string }>;
  holdParticipant(conferenceSid: string, callSid: string, hold: boolean): Promise<void>;
  removeParticipant(conferenceSid: string, callSid: string): Promise<void>;
  /** Gives a call new TwiML (a caller sent to a queue, or out of one to an agent). */
  redirect(callSid: string, twiml: string): Promise<void>;
}

export function twilioRest(accountSid: string, apiKey: string, apiSecret: string): TelephonyRest {
  const client = twilioLib()(apiKey, apiSecret, { accountSid });
  return {
    async addParticipant(conferenceName, leg) {
      const p = await client.conferences(conferenceName).participants.create({
        to: leg.to,
        from: leg.from,
        timeout: leg.timeout,
        label: leg.label,
        statusCallback: leg.statusCallback,
        statusCallbackEvent: ['answered', 'completed'],
        endConferenceOnExit: false,
      });
      return { callSid: p.callSid, conferenceSid: p.conferenceSid };
    },
    async holdParticipant(conferenceSid, callSid, hold) {
      await client.conferences(conferenceSid).participants(callSid).update({ hold });
    },
    async removeParticipant(conferenceSid, callSid) {
      await client.conferences(conferenceSid).participants(callSid).remove();
    },
    async redirect(callSid, twiml) {
      await client.calls(callSid).update({ twiml });
    },
  };
}
