import type { z } from 'zod';
import type { Access } from './roles';

/** One request/response channel of the contract. */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly roles: readonly Access[];
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  roles: readonly Access[],
): ChannelDef<Req, Res> {
  return { request, response, roles };
}
