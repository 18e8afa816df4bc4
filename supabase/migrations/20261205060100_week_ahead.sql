-- =====================================================================================================
-- The week ahead of a calendar: what the next 7 local days look like in a schedule document, so people
-- check a chat's hours (its own calendar merged with the global production calendar) before a client
-- meets them. public.get_chat_schedule returns it as `week_ahead` of the effective document, from today
-- in that calendar's timezone. Intervals come from sla.day_intervals, the function working time uses.
--
-- Each day: {"date", "weekday" (ISO 1–7), "kind", "intervals"}; kind names why the day looks so:
--   always   — a 24/7 calendar;          holiday — a holiday, no work;
--   own      — a date with its own hours (workdays);
--   transfer — a weekend date working like another weekday;
--   short    — a pre-holiday day, an hour shorter;
--   work     — an ordinary working day;  off — no working hours that weekday.
-- =====================================================================================================

create function sla.day_kind(p_schedule jsonb, p_day date) returns text
language sql stable parallel safe as $$
  select case when (p_schedule ->> 'is_24x7')::boolean then 'always'
              when p_schedule -> 'holidays' ? to_char(p_day, 'YYYY-MM-DD') then 'holiday'
              when p_schedule -> 'workdays' ? to_char(p_day, 'YYYY-MM-DD') then 'own'
              when jsonb_array_length(sla.day_intervals(p_schedule, p_day)) = 0 then 'off'
              when p_schedule -> 'short_days' ? to_char(p_day, 'YYYY-MM-DD') then 'short'
              when p_schedule -> 'transfers' ? to_char(p_day, 'YYYY-MM-DD')
                   and p_schedule -> 'week' -> extract(isodow from p_day)::integer::text = '[]' then 'transfer'
              else 'work' end
$$;
comment on function sla.day_kind(jsonb, date) is
  'Why a local date has the hours it has in a schedule document: always, holiday, own, off, short, transfer or work.';

create function sla.week_ahead(p_schedule jsonb, p_from date) returns jsonb
language sql stable parallel safe as $$
  select jsonb_agg(jsonb_build_object(
           'date', to_char(d, 'YYYY-MM-DD'), 'weekday', extract(isodow from d)::integer,
           'kind', sla.day_kind(p_schedule, d),
           'intervals', case when (p_schedule ->> 'is_24x7')::boolean then '[["00:00","24:00"]]'::jsonb
                             else sla.day_intervals(p_schedule, d) end) order by d)
  from generate_series(0, 6) i cross join lateral (select p_from + i) x (d)
$$;
comment on function sla.week_ahead(jsonb, date) is
  'The 7 local days from p_from in a schedule document: date, ISO weekday, day kind and working intervals.';
