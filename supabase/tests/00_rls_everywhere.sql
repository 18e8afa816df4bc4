-- Every table of the project's schemas has row level security enabled, and anon can read none of them.
begin;
create extension if not exists pgtap with schema extensions;
select plan(2);

select is(
  (select coalesce(array_agg(format('%I.%I', n.nspname, c.relname) order by 1), '{}')
   from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and c.relpersistence <> 't' and not c.relrowsecurity
     and n.nspname not in ('pg_catalog', 'information_schema', 'auth', 'extensions', 'cron', 'supabase_migrations', 'pg_toast')),
  '{}'::text[],
  'RLS is enabled on every table outside the platform schemas');

select is(
  (select coalesce(array_agg(format('%I.%I', table_schema, table_name) order by 1), '{}')
   from information_schema.role_table_grants
   where grantee = 'anon' and privilege_type = 'SELECT' and table_schema not in ('pg_catalog', 'information_schema')),
  '{}'::text[],
  'anon holds SELECT on no table');

select * from finish();
rollback;
