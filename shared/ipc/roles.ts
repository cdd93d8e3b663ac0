import { z } from 'zod';

export const role = z.enum(['agent', 'lead', 'admin']);
export type Role = z.infer<typeof role>;

/** Who may call a channel: `public` needs no sign-in; otherwise one of the roles. */
export type Access = 'public' | Role;

/** A lead may do what an agent does; an admin what a lead does. */
const rank: Record<Role, number> = { agent: 1, lead: 2, admin: 3 };

export function roleAllows(allowed: readonly Access[], current: Role | null): boolean {
  if (allowed.includes('public')) return true;
  if (current === null) return false;
  return allowed.some((a) => a !== 'public' && rank[current] >= rank[a]);
}
