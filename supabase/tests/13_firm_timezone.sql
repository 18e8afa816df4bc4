-- The firm's timezone (the global calendar's) and how Russian texts name a zone: by its offset from
-- Moscow, any zone outside Russia by its IANA name.
begin;
create extension if not exists pgtap with schema extensions;
select plan(33);
\ir helpers/act_as.psql

select is(sla.zone_label(t.zone), t.label, format('%s → %s', t.zone, t.label))
from (values
  ('Europe/Moscow', 'МСК'), ('Europe/Simferopol', 'МСК'), ('Europe/Volgograd', 'МСК'), ('Europe/Kirov', 'МСК'),
  ('Europe/Kaliningrad', 'МСК−1'),
  ('Europe/Samara', 'МСК+1'), ('Europe/Ulyanovsk', 'МСК+1'), ('Europe/Astrakhan', 'МСК+1'), ('Europe/Saratov', 'МСК+1'),
  ('Asia/Yekaterinburg', 'МСК+2'), ('Asia/Omsk', 'МСК+3'),
  ('Asia/Novosibirsk', 'МСК+4'), ('Asia/Krasnoyarsk', 'МСК+4'), ('Asia/Barnaul', 'МСК+4'), ('Asia/Tomsk', 'МСК+4'),
  ('Asia/Novokuznetsk', 'МСК+4'), ('Asia/Irkutsk', 'МСК+5'),
  ('Asia/Chita', 'МСК+6'), ('Asia/Yakutsk', 'МСК+6'), ('Asia/Vladivostok', 'МСК+7'),
  ('Asia/Magadan', 'МСК+8'), ('Asia/Sakhalin', 'МСК+8'), ('Asia/Srednekolymsk', 'МСК+8'),
  ('Asia/Kamchatka', 'МСК+9'), ('Asia/Anadyr', 'МСК+9'),
  ('Europe/Minsk', 'Europe/Minsk'), ('Asia/Almaty', 'Asia/Almaty'), ('UTC', 'UTC')
) t (zone, label);

-- The firm's zone is whatever the global calendar says, for the database and the console alike.
update public.calendars set timezone = 'Asia/Yekaterinburg' where chat_id is null;
select is(sla.firm_timezone(), 'Asia/Yekaterinburg', 'the firm''s timezone is the global calendar''s');
select is(tests.as_user('observer', 'public.firm_timezone()'), 'Asia/Yekaterinburg', 'the console reads it through an RPC');
select is(tests.as_user('anon', 'public.firm_timezone()'), 'error 42501', 'anon may not');
-- Reports by day and "today" count in that zone: 20:00 UTC on 6 January is already 7 January there.
select is((select d.day from public.sla_report_by_day('2025-01-06T20:00:00Z', '2025-01-06T21:00:00Z') d), '2025-01-07'::date,
          'days of the SLA report are the firm''s days');
select is(sla.local_time('2025-01-06T20:00:00Z', null), '07.01.2025 01:00', 'a time without a chat is the firm''s');

select * from finish();
rollback;
