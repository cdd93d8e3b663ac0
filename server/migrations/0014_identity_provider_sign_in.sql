-- Sign-in through the utility's identity provider (OpenID Connect). A user is linked to the
-- provider's subject (the `sub` of its ID tokens) once, on the first sign-in; later sign-ins find
-- the user by (issuer, subject), never by a name or an e-mail the provider lets users change.
create table identity_links (
  issuer text not null,
  subject text not null,
  user_id text not null references users (id),
  linked_at timestamptz not null,
  primary key (issuer, subject)
);
create index identity_links_by_user on identity_links (user_id);

-- A sign-in under way: the state, nonce and PKCE verifier sent to the provider, and the hash of
-- the secret the desk that started it holds to collect its session. The provider's answer
-- (callback) settles it as the user or a refusal; the desk collects it once; either way the row
-- lives at most 10 minutes.
create table identity_sign_ins (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  handoff_hash text not null unique,
  address text not null,
  started_at timestamptz not null,
  settled_at timestamptz,
  user_id text references users (id),
  refusal text
);
