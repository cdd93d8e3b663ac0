/**
 * SQLSTATE classes that say "try again" (connection lost, a deadlock or serialisation failure,
 * out of resources, the server shutting down), not that the command is wrong.
 */
const TRANSIENT = /^(08|40|53|57)/;

/** Whether an error means the database is busy or away: nothing was applied, send it again. */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}
