-- Call flows published by team leads: every version as it was written, kept for good. `seq` is
-- the order of publication: desktops fetch the versions after the last one they hold and keep a
-- copy, so a flow still runs when the central system cannot be reached.
create table flow_versions (
  seq bigserial primary key,
  flow_id text not null,
  version integer not null check (version > 0),
  format text not null check (format in ('yaml', 'json')),
  source text not null,
  published_by text not null references users (id),
  published_at timestamptz not null,
  unique (flow_id, version)
);
