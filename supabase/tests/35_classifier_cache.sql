-- Classifier cache: 24 h validity by the caller's clock, keyed by the normalised text, refreshed on
-- re-put, purged by pg_cron, and reachable only by the service role through its two RPCs.
begin;
create extension if not exists pgtap with schema extensions;
select plan(17);

select public.classifier_cache_put('кстати сотрудник иностранец', 'CLARIFICATION', 0.876, 'test/model', '2026-03-02T09:00Z');

select is(public.classifier_cache_get('кстати сотрудник иностранец', '2026-03-02T09:00Z'),
  '{"label":"CLARIFICATION","confidence":0.88,"expires_at":"2026-03-03T09:00:00+00:00"}'::jsonb,
  'get right after put: label, rounded confidence, expiry 24 h later');
select is(public.classifier_cache_get('кстати сотрудник иностранец', '2026-03-03T08:59:59Z') ->> 'label', 'CLARIFICATION',
  'still valid a second before 24 h');
select is(public.classifier_cache_get('кстати сотрудник иностранец', '2026-03-03T09:00Z'), null, 'expired at exactly 24 h');
select is(public.classifier_cache_get('кстати сотрудник', '2026-03-02T10:00Z'), null, 'another text misses');
select is((select count(*)::int from sla.classifier_cache where text_hash = sla.text_hash('кстати сотрудник иностранец')), 1,
  'stored under the SHA-256 of the text');
select is((select count(*)::int from sla.classifier_cache c where c.model = 'test/model' and octet_length(c.text_hash) = 32), 1,
  'the text itself is not stored, only its hash');

select public.classifier_cache_put('кстати сотрудник иностранец', 'SPAM', 0.6, 'test/model-2', '2026-03-03T12:00Z');
select is(public.classifier_cache_get('кстати сотрудник иностранец', '2026-03-04T11:00Z'),
  '{"label":"SPAM","confidence":0.60,"expires_at":"2026-03-04T12:00:00+00:00"}'::jsonb, 're-put replaces the label and restarts the 24 h');
select is((select count(*)::int from sla.classifier_cache), 1, 'one row per text');

select throws_ok($$select public.classifier_cache_put('x', 'QUESTION', 0.5, 'm', now())$$, '23514', null, 'unknown label refused');
select throws_ok($$select public.classifier_cache_put('x', 'SPAM', 1.5, 'm', now())$$, '23514', null, 'confidence above 1 refused');

select public.classifier_cache_put('старое', 'SPAM', 0.9, 'm', '2026-03-01T00:00Z');
select is(sla.purge_classifier_cache('2026-03-02T00:00Z'), 1, 'purge removes the expired row');
select is((select count(*)::int from sla.classifier_cache), 1, 'and keeps the valid one');
select is((select command from cron.job where jobname = 'daily-purge'), 'select sla.daily_purge()', 'purged by the daily retention job');
select public.classifier_cache_put('ещё старое', 'SPAM', 0.9, 'm', '2026-03-01T00:00Z');
select is((sla.daily_purge('2026-03-02T00:00Z') ->> 'classifier_cache')::int, 1, 'which runs this purge too');

select ok(has_function_privilege('service_role', 'public.classifier_cache_get(text, timestamptz)', 'execute')
      and has_function_privilege('service_role', 'public.classifier_cache_put(text, text, numeric, text, timestamptz)', 'execute'),
  'the webhook (service_role) may read and write the cache');
select ok(not has_function_privilege('authenticated', 'public.classifier_cache_get(text, timestamptz)', 'execute')
      and not has_function_privilege('anon', 'public.classifier_cache_put(text, text, numeric, text, timestamptz)', 'execute'),
  'console users and anon may not');
select ok(not has_table_privilege('authenticated', 'sla.classifier_cache', 'select')
      and not has_schema_privilege('authenticated', 'sla', 'usage'), 'the table is out of the console''s reach');

select * from finish();
rollback;
