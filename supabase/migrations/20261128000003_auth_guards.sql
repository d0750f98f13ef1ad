-- Sign-in throttling for the local auth provider. Lives in the private schema: only the
-- server's service path reads or writes it.

-- Section: table
create table private.sign_in_attempts (
  id bigint generated always as identity primary key,
  bucket text not null check (bucket ~ '^(account|ip):'),
  attempted_at timestamptz not null default now(),
  succeeded boolean not null default false
);
comment on table private.sign_in_attempts is 'Failed and successful sign-ins per account and per IP, for rate limiting. Rows older than a day are pruned on write.';
create index sign_in_attempts_bucket_idx on private.sign_in_attempts (bucket, attempted_at desc);
alter table private.sign_in_attempts enable row level security;
-- No policy and no grant to authenticated or anon: unreachable except on the service path.
revoke all on private.sign_in_attempts from public;
grant select, insert, delete on private.sign_in_attempts to service_role;
