-- The scrape RPCs bound themselves: relay_metrics and ops_metrics carry a statement timeout below the
-- relay's 5 s, which PostgREST applies to the call's transaction. A second session calls them the way
-- PostgREST does (the function's settings first, then the call) while this transaction holds locks
-- that make them wait like a database too slow to answer.
begin;
create extension if not exists pgtap with schema extensions;
create extension if not exists dblink with schema extensions;
select plan(5);

-- The function's result as text, or 'error <sqlstate>', from another session that first applies the
-- function's own settings to its transaction, as PostgREST does.
create function pg_temp.like_postgrest(p_fn regprocedure, p_call text) returns text language plpgsql as $$
declare v text;
begin
  perform extensions.dblink_connect('probe', format('host=%s port=%s dbname=%s user=postgres',
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'), current_database()));
  begin
    -- Without the function's timeout the probe would wait for this session's lock forever.
    perform extensions.dblink_exec('probe', 'begin; set local lock_timeout = ''10s''');
    perform t.v from extensions.dblink('probe', format(
      'select set_config(option_name, option_value, true) from pg_options_to_table((select proconfig from pg_proc where oid = %s))',
      p_fn::oid)) as t (v text);
    select t.v into v from extensions.dblink('probe', format('select (%s)::text', p_call)) as t (v text);
  exception when query_canceled then v := 'error 57014';
            when others then v := 'error ' || sqlstate;
  end;
  perform extensions.dblink_disconnect('probe');
  return v;
end $$;

select ok((select option_value::interval < interval '5 seconds' from pg_options_to_table(
             (select proconfig from pg_proc where oid = 'public.relay_metrics(timestamptz)'::regprocedure))
           where option_name = 'statement_timeout'),
          'relay_metrics stops itself before the relay gives up (5 s)');
select ok((select option_value::interval < interval '5 seconds' from pg_options_to_table(
             (select proconfig from pg_proc where oid = 'public.ops_metrics(timestamptz)'::regprocedure))
           where option_name = 'statement_timeout'),
          'so does ops_metrics');

-- The SLA gauges cannot be read (requests locked): the backlog is still exported, the rest is NaN.
lock table public.requests in access exclusive mode;
create temp table degraded as
select pg_temp.like_postgrest('public.relay_metrics(timestamptz)', 'public.relay_metrics()')::jsonb as m;
select is((select array[jsonb_typeof(m -> 'outbox_pending'), jsonb_typeof(m -> 'outbox_sending'),
                        jsonb_typeof(m -> 'outbox_oldest_age_seconds')] from degraded),
          array['number', 'number', 'number'], 'timed out: the outbox backlog gauges still come');
select is((select array[jsonb_typeof(m -> 'sla_open_requests'), jsonb_typeof(m -> 'sla_compliance_ratio'),
                        jsonb_typeof(m -> 'classifier_fallback_ratio'), jsonb_typeof(m -> 'calendar_covered_until_timestamp_seconds'),
                        m ->> 'webhook_updates'] from degraded),
          array['null', 'null', 'null', 'null', '{}'], 'timed out: the other gauges are null (NaN), webhook updates empty');

-- ops_metrics has nothing cheap to keep: past its timeout the call fails fast instead of running on.
lock table public.telegram_updates in access exclusive mode;
select is(pg_temp.like_postgrest('public.ops_metrics(timestamptz)', 'public.ops_metrics()'), 'error 57014',
          'ops_metrics is cancelled by its statement timeout');

select * from finish();
rollback;
