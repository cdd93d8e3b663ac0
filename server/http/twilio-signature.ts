import { twilioLib } from '../telephony/twilio-lib';

/**
 * Twilio's request signature: HMAC-SHA1 of the URL Twilio called followed by each POST parameter's
 * name and value in name order, keyed by the auth token, in base64 (X-Twilio-Signature).
 */
export function twilioSignatureValid(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  return (
    typeof signature === 'string' && twilioLib().validateRequest(authToken, signature, url, params)
  );
}
