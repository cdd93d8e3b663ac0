-- Users an administrator manages. A disabled user is kept (the records they made name them) but
-- cannot sign in, and their sessions end. A password an administrator set is temporary: the user
-- must choose their own at the next sign-in. When and by whom each user was added.
alter table users add column disabled_at timestamptz;
alter table users add column must_change_password boolean not null default false;
alter table users add column created_at timestamptz not null default now();
alter table users add column created_by text;
