import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../shared/cis';
import { type Role, roleAllows } from '../../shared/ipc/roles';
import type { Auth } from '../auth/sessions';
import type { ApiError } from './answers';
import { twilioSignatureValid } from './twilio-signature';

/**
 * Who may call a route: anyone; a signed-in user of at least this role (a lead may do what an
 * agent does, an admin what a lead does); or Twilio, its request signature checked.
 */
export type RouteAccess = 'public' | Role | 'twilio';

/** What the access check needs: the session store, and for webhooks Twilio's signing secret. */
export interface Gate {
  auth: Auth;
  /** The auth token Twilio signs with and the public base URL it calls (the signature covers it). */
  twilio?: { authToken?: string; publicUrl?: string };
}

export type Admission =
  | { admitted: true; principal: Principal | null; token: string }
  | { admitted: false; status: 401 | 403 | 503; body: ApiError };

/** The session token of `Authorization: Bearer …`, or the empty string. */
export function bearerToken(req: FastifyRequest): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

const refuse = (status: 401 | 403 | 503, error: string, message: string): Admission => ({
  admitted: false,
  status,
  body: { error, message },
});

/**
 * The one place a request is let in or refused, before its input is read: every route of the
 * server passes through here with the access it declared.
 */
export async function admit(
  access: RouteAccess,
  req: FastifyRequest,
  gate: Gate,
): Promise<Admission> {
  if (access === 'public') return { admitted: true, principal: null, token: '' };
  if (access === 'twilio') return twilioAdmits(req, gate);
  const token = bearerToken(req);
  const principal = await gate.auth.verify(token);
  if (!principal) return refuse(401, 'unauthenticated', 'sign in first');
  if (!roleAllows([access], principal.role))
    return refuse(403, 'forbidden', `needs role ${access}`);
  return { admitted: true, principal, token };
}

/** Twilio's signature over the public URL it called and the form it posted, or 403. */
function twilioAdmits(req: FastifyRequest, gate: Gate): Admission {
  const { authToken, publicUrl } = gate.twilio ?? {};
  if (!authToken || !publicUrl)
    return refuse(
      503,
      'telephony_not_configured',
      'TWILIO_AUTH_TOKEN and TAPLINE_PUBLIC_URL are required',
    );
  const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<
    string,
    string
  >;
  const signature = req.headers['x-twilio-signature'];
  const url = `${publicUrl.replace(/\/$/, '')}${req.url}`;
  if (
    !twilioSignatureValid(
      authToken,
      typeof signature === 'string' ? signature : undefined,
      url,
      params,
    )
  )
    return refuse(403, 'forbidden', 'bad signature');
  return { admitted: true, principal: null, token: '' };
}
