/**
 * The roles and their ranking, with no schema library: the renderer's first screen imports it,
 * and zod loads on demand (the IPC contract's schema of a role is `role`, in channels/app.ts).
 */
export const roles = ['agent', 'lead', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who may call a channel: `public` needs no sign-in; otherwise one of the roles. */
export type Access = 'public' | Role;

/**
 * A level of authority: a role, or a manager, who approves adjustments above a lead's limit (an
 * admin approves as one; no user signs in as a manager).
 */
export type Level = Role | 'manager';

/** A lead may do what an agent does; an admin what a lead does, and what a manager approves. */
const rank: Record<Level, number> = { agent: 1, lead: 2, manager: 3, admin: 3 };

/** Whether a role reaches a level: the one ranking of roles, for the desk and the server. */
export function roleAtLeast(current: Role, needed: Level): boolean {
  return rank[current] >= rank[needed];
}

export function roleAllows(allowed: readonly Access[], current: Role | null): boolean {
  if (allowed.includes('public')) return true;
  if (current === null) return false;
  return allowed.some((a) => a !== 'public' && roleAtLeast(current, a));
}
