/**
 * One (clientId, seq) stream per user of the workstation, so that commands held for a user who
 * is not signed in never hold anybody else's. `stream` is the user who queued the command; ''
 * is the workstation's first stream, which keeps every command queued before this migration
 * with the seq the server already knows it by (`stream_seq = seq`). `server_failures` counts
 * the times the server failed on a command sent alone.
 *
 * And what the desktop needs to fetch ahead the detail of the accounts likely to call: the open
 * notices and days past due of each header as columns (an index finds them without reading
 * every header), and the accounts with recent activity at the server.
 */
export const migration0004 = {
  version: 4,
  name: 'outbox-streams-and-likely-accounts',
  sql: `
alter table outbox add column stream text not null default '';
alter table outbox add column stream_seq integer not null default 0;
alter table outbox add column server_failures integer not null default 0;
update outbox set stream_seq = seq;
create unique index outbox_stream_seq on outbox (stream, stream_seq);
create index outbox_stream_pending on outbox (stream, status, stream_seq);

alter table headers add column open_notices integer not null default 0;
alter table headers add column past_due_days integer not null default 0;
update headers set
  open_notices = coalesce(json_extract(data, '$.openNotices'), 0),
  past_due_days = coalesce(json_extract(data, '$.pastDueDays'), 0);
create index headers_with_notices on headers (past_due_days) where open_notices > 0;

-- Accounts the change log touched lately (a call, an order, a notice by anyone): the customer
-- is likely to call. Kept as long as a detail is.
create table recent_activity (
  number text primary key,
  at integer not null
) strict, without rowid;
create index recent_activity_at on recent_activity (at);
`,
};
