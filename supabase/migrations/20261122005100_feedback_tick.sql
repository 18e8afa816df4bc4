-- =====================================================================================================
-- The survey clock: feedback.tick(p_now) (pg_cron 'feedback-tick' every minute; idempotent, serialised
-- by an advisory lock, every outbox row deduplicated) turns time into survey messages:
--   * quarterly campaign — on the first working day of Jan/Apr/Jul/Oct in the GLOBAL calendar (its
--     timezone, holidays and transferred workdays), from the start of that day's first working interval,
--     rating the previous quarter; a tick that comes late still starts it while it would be open
--     (survey_expiry_days), never a stale quarter; settings.survey_enabled = false stops new campaigns;
--   * deliveries — one group message per connected chat (SLA and monitoring on) that had a client message
--     in the survey's period, with the keyboard 1–5 + withdraw; a chat that got a survey message (survey
--     or reminder) less than survey_cooldown_hours ago is retried by a later tick while the survey is open
--     (the rule is feedback.audience, which the console's preview counts too);
--   * reminder — survey_reminder_day (day 2 = one day after delivery), ONLY when nobody in the chat has a
--     counted vote yet (a chat that already answered is not nagged), also subject to the cooldown — and
--     at most one per chat per tick (two surveys' reminders due at once would both pass a cooldown
--     checked against the same snapshot);
--   * expiry — survey_expiry_days after delivery: votes are refused, unsent survey messages are cancelled
--     and the buttons of sent ones removed (editMessageReplyMarkup, kind 'survey_closed').
-- =====================================================================================================

-- The instant a quarter's campaign starts: the first working interval of the quarter's first working day
-- in the global calendar (00:00 of the first day for a 24/7 calendar).
create function feedback.campaign_start(p_quarter date) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  v_schedule jsonb := sla.get_schedule(null);
  v_tz text := v_schedule ->> 'timezone';
  v_intervals jsonb;
begin
  if (v_schedule ->> 'is_24x7')::boolean then
    return sla.local_instant(p_quarter, '00:00', v_tz);
  end if;
  for d in 0 .. 60 loop
    v_intervals := sla.day_intervals(v_schedule, p_quarter + d);
    if jsonb_array_length(v_intervals) > 0 then
      return sla.local_instant(p_quarter + d, v_intervals -> 0 ->> 0, v_tz);
    end if;
  end loop;
  return null;  -- no working day in two months: no campaign this quarter
end $$;
comment on function feedback.campaign_start(date) is
  'Start of the quarterly campaign: the first working interval of the first working day of the quarter (global calendar).';

create function feedback.keyboard(p_delivery_id bigint) returns jsonb
language sql immutable as $$
  select jsonb_build_object('inline_keyboard', jsonb_build_array(
    (select jsonb_agg(jsonb_build_object('text', n || ' ⭐', 'callback_data', format('survey:%s:%s', p_delivery_id, n)) order by n)
       from generate_series(1, 5) n),
    jsonb_build_array(jsonb_build_object('text', '↩️ Отозвать оценку', 'callback_data', format('survey:%s:0', p_delivery_id)))))
$$;
comment on function feedback.keyboard(bigint) is 'Static survey keyboard: 1–5 and withdraw (callback_data survey:<delivery>:<0..5>).';

create function feedback.message(p_delivery public.survey_deliveries, p_reminder boolean) returns jsonb
language sql stable as $$
  select sla.html_message(concat_ws(E'\n',
    case when p_reminder then '🔔 <b>Напоминаем об опросе: оцените, пожалуйста, нашу работу</b>'
         else '📊 <b>Оцените, пожалуйста, нашу работу</b>' end,
    '⭐ Насколько вы довольны работой бухгалтерии? Выберите оценку от 1 до 5 — каждый участник чата голосует отдельно.',
    '✏️ Оценку можно изменить или отозвать. Чтобы оставить комментарий, ответьте на это сообщение.',
    '⏳ Опрос открыт до ' || sla.local_time(p_delivery.expires_at, sla.get_schedule(p_delivery.chat_id) ->> 'timezone') || '.'),
    feedback.keyboard(p_delivery.id))
$$;
comment on function feedback.message(public.survey_deliveries, boolean) is 'Russian HTML survey (or reminder) message with its keyboard.';

-- When the chat last got a survey message (delivery or reminder); the cooldown counts from here.
create function feedback.last_survey_message(p_chat_id bigint) returns timestamptz
language sql stable as $$
  select max(greatest(d.delivered_at, d.reminded_at)) from public.survey_deliveries d where d.chat_id = p_chat_id
$$;
comment on function feedback.last_survey_message(bigint) is 'Latest survey or reminder message of a chat (cooldown).';

create function feedback.deliver(p_survey_id bigint, p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  insert into public.survey_deliveries (survey_id, chat_id, accountant_telegram_id, delivered_at, remind_at, expires_at)
  select sv.id, c.id,
         authz.primary_accountant(c.id),
         p_now, p_now + make_interval(days => st.survey_reminder_day - 1), p_now + make_interval(days => st.survey_expiry_days)
  from public.surveys sv cross join public.settings st
  cross join lateral feedback.audience(sv.chat_ids, sv.period_from, sv.period_to, p_now) c (id, reason)
  where sv.id = p_survey_id and sv.status = 'active' and p_now < sv.expires_at and c.reason is null
  on conflict (survey_id, chat_id) do nothing;
  get diagnostics v_count = row_count;
  insert into public.outbox (kind, chat_id, payload, dedup_key, to_client_group, not_before)
  select 'survey', d.chat_id, feedback.message(d, false), 'survey:' || d.id, true, p_now
  from public.survey_deliveries d where d.survey_id = p_survey_id and d.outbox_id is null
  on conflict (dedup_key) do nothing;
  update public.survey_deliveries d set outbox_id = o.id
    from public.outbox o where o.dedup_key = 'survey:' || d.id and d.survey_id = p_survey_id and d.outbox_id is null;
  return v_count;
end $$;
comment on function feedback.deliver(bigint, timestamptz) is
  'Writes the deliveries (and their group messages) of a survey for every chat of feedback.audience that gets it now and has not got it yet. Returns how many.';

create function feedback.remind(p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  with due as (
    update public.survey_deliveries d set reminded_at = p_now
     where d.id in (
       select distinct on (d2.chat_id) d2.id from public.survey_deliveries d2 cross join public.settings st
        where d2.status = 'open' and d2.reminded_at is null and p_now >= d2.remind_at and p_now < d2.expires_at
          and not exists (select 1 from public.survey_votes v where v.delivery_id = d2.id and v.rating is not null)
          and feedback.last_survey_message(d2.chat_id) <= p_now - make_interval(hours => st.survey_cooldown_hours)
        order by d2.chat_id, d2.remind_at, d2.id)
    returning d.*)
  insert into public.outbox (kind, chat_id, payload, dedup_key, to_client_group, not_before)
  select 'survey_reminder', due.chat_id, feedback.message(due::public.survey_deliveries, true),
         'survey_reminder:' || due.id, true, p_now
  from due
  on conflict (dedup_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function feedback.remind(timestamptz) is
  'Sends the day-N reminder of open deliveries nobody has voted on yet (cooldown respected, one per chat per tick). Returns how many.';

create function feedback.expire(p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_ids bigint[];
begin
  with gone as (
    update public.survey_deliveries d set status = 'expired' where d.status = 'open' and p_now >= d.expires_at returning d.id)
  select coalesce(array_agg(gone.id), '{}') into v_ids from gone;
  update public.outbox o set status = 'cancelled'
   where o.dedup_key in (select k || x from unnest(v_ids) x cross join unnest(array['survey:', 'survey_reminder:']) k)
     and o.status = 'pending';
  insert into public.outbox (kind, chat_id, method, payload, edit_of, dedup_key, to_client_group, not_before)
  select 'survey_closed', o.chat_id, 'editMessageReplyMarkup', '{"reply_markup":{"inline_keyboard":[]}}', o.id,
         'survey_closed:' || o.id, true, p_now
  from public.outbox o
  where o.dedup_key in (select k || x from unnest(v_ids) x cross join unnest(array['survey:', 'survey_reminder:']) k)
    and o.status = 'sent'
  on conflict (dedup_key) do nothing;
  update public.surveys s set status = 'closed'
   where s.status = 'active' and p_now >= s.expires_at
     and not exists (select 1 from public.survey_deliveries d where d.survey_id = s.id and d.status = 'open');
  return cardinality(v_ids);
end $$;
comment on function feedback.expire(timestamptz) is
  'Expires deliveries after survey_expiry_days: cancels unsent survey messages, removes the buttons of sent ones, closes finished surveys.';

create function feedback.tick(p_now timestamptz default now()) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_tz text := sla.firm_timezone();
  v_quarter date := date_trunc('quarter', p_now at time zone v_tz)::date;
  v_start timestamptz := feedback.campaign_start(v_quarter);
  v_delivered integer := 0;
  v_survey bigint;
begin
  perform pg_advisory_xact_lock(hashtext('feedback.tick'));
  insert into public.surveys (kind, title, period_from, period_to, quarter, started_at, expires_at, created_by)
  select 'quarterly', format('Опрос за %s квартал %s', extract(quarter from v_quarter - 1), extract(year from v_quarter - 1)),
         (v_quarter - interval '3 months') at time zone v_tz, v_quarter::timestamp at time zone v_tz,
         (v_quarter - interval '3 months')::date,
         v_start, v_start + make_interval(days => s.survey_expiry_days), 'schedule'
  from public.settings s
  where s.survey_enabled and p_now >= v_start and p_now < v_start + make_interval(days => s.survey_expiry_days)
  on conflict (quarter) where kind = 'quarterly' do nothing;
  for v_survey in select s.id from public.surveys s where s.status = 'active' and p_now < s.expires_at order by s.id loop
    v_delivered := v_delivered + feedback.deliver(v_survey, p_now);
  end loop;
  return jsonb_build_object('delivered', v_delivered, 'reminded', feedback.remind(p_now), 'expired', feedback.expire(p_now));
end $$;
comment on function feedback.tick(timestamptz) is
  'The survey clock (pg_cron every minute): starts the quarterly campaign, delivers surveys (cooldown), reminds, expires. Idempotent. Returns {delivered, reminded, expired}.';
grant execute on function feedback.tick(timestamptz) to service_role;

select cron.unschedule(j.jobid) from cron.job j where j.jobname = 'feedback-tick';
select cron.schedule('feedback-tick', '* * * * *', $$select feedback.tick()$$);
