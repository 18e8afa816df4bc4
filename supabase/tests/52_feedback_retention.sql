-- Feedback retention: surveys closed before settings.retention_years go with their deliveries and votes.
begin;
create extension if not exists pgtap with schema extensions;
select plan(4);

update public.settings set retention_years = 3;
insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, status, created_by)
values ('manual', 'old', '2019-01-01', '2019-04-01', '2019-01-01', '2019-04-01', '2019-04-08', 'closed', 'test'),
       ('manual', 'recent', '2024-01-01', '2024-04-01', '2024-01-01', '2024-04-01', '2024-04-08', 'closed', 'test');
insert into public.survey_deliveries (survey_id, chat_id, delivered_at, remind_at, expires_at, status)
select id, -1001000000001, started_at, started_at + interval '1 day', expires_at, 'expired'
from public.surveys where title in ('old', 'recent');
insert into public.survey_votes (delivery_id, chat_id, telegram_user_id, voter_name, rating, voted_at, updated_at)
select d.id, d.chat_id, 555001, 'Клиент Иван', 5, d.expires_at - interval '1 day', d.expires_at - interval '1 day'
from public.survey_deliveries d join public.surveys s on s.id = d.survey_id where s.title in ('old', 'recent');

select is(sla.daily_purge('2025-01-01') ->> 'surveys', '1', 'the daily retention job deletes one survey closed more than three years before');
select is_empty($$ select 1 from public.surveys where title = 'old' $$, 'the old survey is gone');
select is_empty($$ select 1 from public.survey_votes v join public.survey_deliveries d on d.id = v.delivery_id
                    join public.surveys s on s.id = d.survey_id where s.title = 'old' $$,
                'with its votes (names and comments)');
select isnt_empty($$ select 1 from public.survey_votes v join public.survey_deliveries d on d.id = v.delivery_id
                     join public.surveys s on s.id = d.survey_id where s.title = 'recent' $$,
                  'a survey inside the retention period stays');

select * from finish();
rollback;
