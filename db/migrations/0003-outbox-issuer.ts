/**
 * Who queued each command. A command is sent only while the user who queued it is signed in:
 * another user's session must never carry it (a lead's session would post an agent's adjustment
 * above the agent's limit without approval). Commands queued before this migration have none.
 */
export const migration0003 = {
  version: 3,
  name: 'outbox-issuer',
  sql: `
alter table outbox add column issued_by text;
`,
};
