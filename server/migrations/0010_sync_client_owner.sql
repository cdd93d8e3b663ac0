-- A sync client id belongs to the user who first pushed under it: another user's push under it
-- is refused, so no one can take over a desktop's sequence or read back its stored outcomes.
-- Clients that pushed before this migration are bound by their next push.
alter table sync_clients add column user_id text references users (id);
