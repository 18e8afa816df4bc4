-- telegram_updates keeps a week; the per-type totals the metrics report never go down.
begin;
create extension if not exists pgtap with schema extensions;
select plan(6);

delete from public.telegram_updates;
insert into public.telegram_updates (update_id, update_type, received_at, status)
select g, case when g % 3 = 0 then 'callback_query' else 'message' end, timestamptz '2025-01-01T00:00Z' + g * interval '1 day', 'done'
  from generate_series(1, 20) g;
select is(sla.webhook_update_totals(), '{"message":14,"callback_query":6}', 'totals count stored updates by type');
select is(sla.purge_telegram_updates('2025-01-21T12:00Z'), 13::bigint, 'updates older than 7 days are purged');
select is((select min(received_at) from public.telegram_updates), '2025-01-15T00:00Z'::timestamptz, 'the last week stays');
select is(sla.webhook_update_totals(), '{"message":14,"callback_query":6}', 'totals do not drop when rows go');
select is(sla.purge_telegram_updates('2025-01-21T12:00Z'), 0::bigint, 'a second purge finds nothing');
select is((sla.daily_purge('2025-01-29T12:00Z') ->> 'telegram_updates')::bigint, 7::bigint, 'the daily retention job runs this purge too');

select * from finish();
rollback;
