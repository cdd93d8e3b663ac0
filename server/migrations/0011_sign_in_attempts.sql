-- Sign-ins are audited (signedIn, signInFailed, signInThrottled); failures are counted per user
-- name and per address to slow down guessing, so both are indexed.
create index audit_sign_in_failures_by_username on audit ((details ->> 'username'), at)
  where action = 'signInFailed';
create index audit_sign_in_failures_by_address on audit ((details ->> 'address'), at)
  where action = 'signInFailed';
