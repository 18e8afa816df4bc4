-- =====================================================================================================
-- API requests: what PostgREST checks before every request (pgrst.db_pre_request).
-- Row counts: `Prefer: count=planned|estimated` answers with the planner's estimate, which comes from
-- table statistics that ignore row level security, so an accountant could learn how many messages
-- another chat has. The console's roles (anon, authenticated) get exact counts only — counted under RLS.
-- =====================================================================================================

create function authz.check_request() returns void
language plpgsql stable set search_path = '' as $$
begin
  if current_user in ('anon', 'authenticated')
     and coalesce(current_setting('request.headers', true), '') <> ''
     and current_setting('request.headers', true)::jsonb ->> 'prefer' ~* 'count\s*=\s*(planned|estimated)' then
    raise exception 'count=planned and count=estimated are not available: use count=exact'
      using errcode = '22023', hint = 'Planner estimates ignore row level security.';
  end if;
end $$;
comment on function authz.check_request() is
  'PostgREST pre-request check: refuses planner row-count estimates (they ignore RLS) for anon and authenticated.';
grant usage on schema authz to anon;
grant execute on function authz.check_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request = 'authz.check_request';
notify pgrst, 'reload config';
