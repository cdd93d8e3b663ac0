import { createRequire } from 'node:module';

type TwilioLib = typeof import('twilio');

const require = createRequire(import.meta.url);
let lib: TwilioLib | undefined;

/**
 * Twilio's helper library, loaded the first time a Twilio route or call needs it: a server on
 * the training simulator (the desktop's embedded default) never does, and its start is the
 * desktop's.
 */
export function twilioLib(): TwilioLib {
  lib ??= require('twilio') as TwilioLib;
  return lib;
}
