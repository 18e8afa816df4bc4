-- =====================================================================================================
-- Working time: how much of a chat's working time lies between two instants, and when T working
-- minutes after an instant have passed (the SLA deadline).
--
-- Rules (every line is a row in supabase/tests/10_working_time.sql):
--   * Intervals are [start, end): the start instant is working time, the end instant is not.
--   * working_seconds(from, to) = seconds of working time in [from, to), floored; 0 when to <= from.
--   * breach_at(from, T) = the earliest instant at which T working minutes have passed since from. It may
--     fall exactly on an interval end (Fri 17:00 + 60 min = Fri 18:00, not Monday). T <= 0 → from.
--   * Every local date is read in the calendar's timezone: its intervals are local wall-clock times,
--     turned into instants with that zone for that very date, so DST days are 23 or 25 hours long and
--     "09:00–18:00" is always 9 real hours on them.
--   * A local time skipped by a DST change (02:30 on a spring-forward night) is the instant the clocks
--     jump; a repeated local time is its later instant. Wall-clock times thus map to instants in order,
--     so a day's intervals never overlap as instants, working time never exceeds elapsed time, and
--     working_seconds(t, breach_at(t, T)) = 60·T always.
--   * A date's intervals (day kinds, see 20261122001000_calendars.sql): none on a holiday; else its
--     workdays entry if any; else its weekday's, or on a transfer date with no hours of its own the
--     hours of the weekday it works like; on a short day, minus the last 60 minutes.
--   * 24/7: every instant counts.
--   * An unknown chat, or one without a calendar of its own, uses the global calendar.
--   * A calendar with no working time for 400 consecutive days cannot produce a deadline: breach_at
--     raises "no working time …" instead of searching forever (set_schedule refuses an empty week, so
--     only a document with 400+ consecutive holidays gets there).
--
-- The *_in functions take the schedule document itself (sla.get_schedule's output) and are immutable:
-- callers that snapshot a chat's schedule (requests) compute from the snapshot, and the same function
-- serves every caller. They walk the calendar one local day and one interval at a time — never per
-- minute — reading only the parts of the document that day needs.
-- =====================================================================================================

-- A short (pre-holiday) day: the last 60 minutes go, walking back over the day's intervals.
create function sla.shorten_day(p_intervals jsonb) returns jsonb
language plpgsql immutable strict parallel safe set search_path = '' as $$
declare
  v_result jsonb := '[]';
  v_left integer := 60; -- minutes still to take off the end of the day
  v_start integer;
  v_end integer;
begin
  for i in reverse jsonb_array_length(p_intervals) - 1 .. 0 loop
    v_start := extract(epoch from (p_intervals -> i ->> 0)::time)::integer / 60;
    v_end := extract(epoch from (p_intervals -> i ->> 1)::time)::integer / 60;
    if v_left = 0 then
      v_result := jsonb_build_array(p_intervals -> i) || v_result;
    elsif v_end - v_start > v_left then
      v_result := jsonb_build_array(jsonb_build_array(p_intervals -> i -> 0,
                    to_char(make_interval(mins => v_end - v_left), 'HH24:MI'))) || v_result;
      v_left := 0;
    else
      v_left := v_left - (v_end - v_start); -- the whole interval goes; the rest comes off the one before
    end if;
  end loop;
  return v_result;
end $$;
comment on function sla.shorten_day(jsonb) is
  'A short (pre-holiday) day''s intervals: the last 60 minutes removed; an interval shorter than what is left to take disappears and the rest comes off the one before.';

-- Inlined into the loops below (plain SQL, no SET clause), so a day costs a few jsonb lookups. They are
-- declared stable, not immutable, because to_char and the text → time cast are: the planner inlines a
-- function only when its declared volatility covers its body.
create function sla.weekday_intervals(p_schedule jsonb, p_day date) returns jsonb
language sql stable parallel safe as $$
  select case when p_schedule -> 'transfers' ? to_char(p_day, 'YYYY-MM-DD')
                   and p_schedule -> 'week' -> extract(isodow from p_day)::integer::text = '[]'
              then p_schedule -> 'week' -> (p_schedule -> 'transfers' ->> to_char(p_day, 'YYYY-MM-DD'))
              else coalesce(p_schedule -> 'week' -> extract(isodow from p_day)::integer::text, '[]'::jsonb) end
$$;
comment on function sla.weekday_intervals(jsonb, date) is
  'Weekly hours that apply on a date: its weekday''s, or on a transfer date of a calendar with no hours that weekday, the hours of the weekday it works like.';

create function sla.day_intervals(p_schedule jsonb, p_day date) returns jsonb
language sql stable parallel safe as $$
  select case when p_schedule -> 'holidays' ? to_char(p_day, 'YYYY-MM-DD') then '[]'::jsonb
              when p_schedule -> 'workdays' ? to_char(p_day, 'YYYY-MM-DD')
                then p_schedule -> 'workdays' -> to_char(p_day, 'YYYY-MM-DD')
              when p_schedule -> 'short_days' ? to_char(p_day, 'YYYY-MM-DD')
                then sla.shorten_day(sla.weekday_intervals(p_schedule, p_day))
              else sla.weekday_intervals(p_schedule, p_day) end
$$;
comment on function sla.day_intervals(jsonb, date) is
  'Working intervals of one local date in a schedule document: [] on a holiday, the workdays entry if listed, else the weekday''s (or a transfer''s), an hour shorter on a short day.';

-- Postgres reads a local time skipped by a spring-forward change with the old offset, which lands after
-- the jump and after later wall-clock times of the same day (London 01:30 on 30 Mar 2025 would come after
-- 02:00). The instant of the jump is the first one whose local time is not earlier; it lies between the
-- two readings (at most the jump apart) and is found by bisection. Runs on DST nights only.
create function sla.skipped_local_instant(p_local timestamp, p_timezone text) returns timestamptz
language plpgsql stable strict parallel safe set search_path = '' as $$
declare
  v_late timestamptz := p_local at time zone p_timezone;                         -- local time past p_local
  v_early timestamptz := v_late - ((v_late at time zone p_timezone) - p_local);  -- local time before it
  v_middle timestamptz;
begin
  while v_late - v_early > interval '1 microsecond' loop
    v_middle := v_early + (v_late - v_early) / 2;
    if (v_middle at time zone p_timezone) >= p_local then
      v_late := v_middle;
    else
      v_early := v_middle;
    end if;
  end loop;
  return v_late;
end $$;
comment on function sla.skipped_local_instant(timestamp, text) is
  'The instant a DST change skips over a local time: the first instant whose local time is at or after it.';

create function sla.local_instant(p_day date, p_time text, p_timezone text) returns timestamptz
language sql stable parallel safe as $$
  select case when ((p_day + p_time::time) at time zone p_timezone) at time zone p_timezone = p_day + p_time::time
              then (p_day + p_time::time) at time zone p_timezone
              else sla.skipped_local_instant(p_day + p_time::time, p_timezone) end
$$;
comment on function sla.local_instant(date, text, text) is
  'The instant of a local wall-clock time ("HH:MM", "24:00" = next midnight) on a date in a timezone; a time skipped by DST is the instant of the jump, a repeated one its later instant.';

create function sla.working_seconds_in(p_schedule jsonb, p_from timestamptz, p_to timestamptz) returns bigint
language plpgsql immutable strict parallel safe as $$
declare
  v_timezone text := p_schedule ->> 'timezone';
  v_day date;
  v_intervals jsonb;
  v_start timestamptz;
  v_end timestamptz;
  v_total interval := interval '0';
begin
  if p_to <= p_from then
    return 0;
  end if;
  if (p_schedule ->> 'is_24x7')::boolean then
    return floor(extract(epoch from p_to - p_from));
  end if;
  v_day := (p_from at time zone v_timezone)::date;
  while v_day <= (p_to at time zone v_timezone)::date loop
    v_intervals := sla.day_intervals(p_schedule, v_day);
    for i in 0 .. jsonb_array_length(v_intervals) - 1 loop
      v_start := greatest(p_from, sla.local_instant(v_day, v_intervals -> i ->> 0, v_timezone));
      v_end := least(p_to, sla.local_instant(v_day, v_intervals -> i ->> 1, v_timezone));
      if v_end > v_start then
        v_total := v_total + (v_end - v_start);
      end if;
    end loop;
    v_day := v_day + 1;
  end loop;
  return floor(extract(epoch from v_total));
end $$;
comment on function sla.working_seconds_in(jsonb, timestamptz, timestamptz) is
  'Seconds of working time in [p_from, p_to) under a schedule document, floored; 0 when p_to <= p_from.';

create function sla.breach_at_in(p_schedule jsonb, p_from timestamptz, p_minutes integer) returns timestamptz
language plpgsql immutable strict parallel safe as $$
declare
  v_timezone text := p_schedule ->> 'timezone';
  v_left bigint := p_minutes::bigint * 60000000; -- microseconds of working time still to pass: exact arithmetic
  v_day date := (p_from at time zone v_timezone)::date;
  v_idle_days integer := 0;
  v_intervals jsonb;
  v_start timestamptz;
  v_end timestamptz;
  v_length bigint;
begin
  if p_minutes <= 0 then
    return p_from;
  end if;
  if (p_schedule ->> 'is_24x7')::boolean then
    return p_from + make_interval(mins => p_minutes);
  end if;
  while v_idle_days <= 400 loop
    v_intervals := sla.day_intervals(p_schedule, v_day);
    for i in 0 .. jsonb_array_length(v_intervals) - 1 loop
      v_end := sla.local_instant(v_day, v_intervals -> i ->> 1, v_timezone);
      continue when v_end <= p_from;
      v_start := greatest(p_from, sla.local_instant(v_day, v_intervals -> i ->> 0, v_timezone));
      v_length := round(date_part('epoch', v_end - v_start) * 1000000);
      if v_length >= v_left then -- ">=": the deadline may be the interval's very end
        return v_start + make_interval(secs => v_left / 1000000.0);
      end if;
      v_left := v_left - v_length;
    end loop;
    v_idle_days := case when v_intervals = '[]' then v_idle_days + 1 else 0 end;
    v_day := v_day + 1;
  end loop;
  raise exception 'no working time in the 400 days after % (timezone %): the calendar has no working hours', v_day - 401, v_timezone
    using errcode = 'invalid_parameter_value';
end $$;
comment on function sla.breach_at_in(jsonb, timestamptz, integer) is
  'The instant when p_minutes working minutes have passed since p_from under a schedule document (may be an interval end); p_from when p_minutes <= 0; raises after 400 consecutive days without working time.';

-- Signed: working time left before the deadline, or minus how much working time has passed since it.
create function sla.working_seconds_left(p_schedule jsonb, p_breach_at timestamptz, p_now timestamptz) returns bigint
language sql immutable strict parallel safe as $$
  select case when p_now < p_breach_at then sla.working_seconds_in(p_schedule, p_now, p_breach_at)
              else -sla.working_seconds_in(p_schedule, p_breach_at, p_now) end
$$;
comment on function sla.working_seconds_left(jsonb, timestamptz, timestamptz) is
  'Working seconds from p_now to the deadline under a schedule document; negative once it has passed (minus the working seconds since).';

create function sla.is_working_time_in(p_schedule jsonb, p_at timestamptz) returns boolean
language plpgsql immutable strict parallel safe as $$
declare
  v_timezone text := p_schedule ->> 'timezone';
  v_day date := (p_at at time zone v_timezone)::date;
  v_intervals jsonb := sla.day_intervals(p_schedule, v_day);
begin
  if (p_schedule ->> 'is_24x7')::boolean then
    return true;
  end if;
  for i in 0 .. jsonb_array_length(v_intervals) - 1 loop
    if p_at >= sla.local_instant(v_day, v_intervals -> i ->> 0, v_timezone)
       and p_at < sla.local_instant(v_day, v_intervals -> i ->> 1, v_timezone) then
      return true;
    end if;
  end loop;
  return false;
end $$;
comment on function sla.is_working_time_in(jsonb, timestamptz) is 'Whether an instant is working time under a schedule document (interval start yes, end no).';

-- The chat-facing contract: the same computations on the chat's effective schedule.
create function sla.working_seconds(p_chat_id bigint, p_from timestamptz, p_to timestamptz) returns bigint
language sql stable parallel safe as $$
  select sla.working_seconds_in(sla.get_schedule(p_chat_id), p_from, p_to)
$$;
comment on function sla.working_seconds(bigint, timestamptz, timestamptz) is
  'Seconds of the chat''s working time in [p_from, p_to), floored; 0 when p_to <= p_from. Unknown chat or no own calendar → global calendar.';

create function sla.breach_at(p_chat_id bigint, p_from timestamptz, p_minutes integer) returns timestamptz
language sql stable parallel safe as $$
  select sla.breach_at_in(sla.get_schedule(p_chat_id), p_from, p_minutes)
$$;
comment on function sla.breach_at(bigint, timestamptz, integer) is
  'The instant when p_minutes of the chat''s working minutes have passed since p_from (SLA deadline; may be an interval end). p_minutes <= 0 → p_from.';

create function sla.is_working_time(p_chat_id bigint, p_at timestamptz) returns boolean
language sql stable parallel safe as $$
  select sla.is_working_time_in(sla.get_schedule(p_chat_id), p_at)
$$;
comment on function sla.is_working_time(bigint, timestamptz) is 'Whether the instant is within the chat''s working time (e.g. for the out-of-hours acknowledgement).';

grant execute on function sla.day_intervals(jsonb, date), sla.weekday_intervals(jsonb, date), sla.shorten_day(jsonb),
  sla.local_instant(date, text, text), sla.skipped_local_instant(timestamp, text),
  sla.working_seconds_in(jsonb, timestamptz, timestamptz), sla.working_seconds_left(jsonb, timestamptz, timestamptz),
  sla.breach_at_in(jsonb, timestamptz, integer),
  sla.is_working_time_in(jsonb, timestamptz), sla.working_seconds(bigint, timestamptz, timestamptz),
  sla.breach_at(bigint, timestamptz, integer), sla.is_working_time(bigint, timestamptz) to service_role;
