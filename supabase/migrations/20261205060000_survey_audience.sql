-- =====================================================================================================
-- Who gets a survey, decided once: feedback.audience names every chat of a survey's scope with the reason
-- it is left out, or null when it gets the survey message now. feedback.deliver writes the deliveries of
-- the null rows; the console's preview (public.survey_preview) counts the same rows before a manager
-- starts a survey, so the dialog's numbers are the ones the start produces.
--
-- Reasons, in the order they are checked:
--   sla_off           — SLA is off for the chat (not connected, or switched off);
--   bot_removed       — the bot is not in the group (monitoring off);
--   no_client_message — no client message in the rated period (a manual survey: the last 3 months);
--   cooldown          — a survey message (survey or reminder) went there less than survey_cooldown_hours
--                       ago; such a chat gets the survey from a later tick while the survey is open.
--
-- public.survey_preview(p_chat_ids bigint[] default null) → jsonb, managers and admins (server clock):
--   {"chats": n, "now": n, "later": n, "never": n,
--    "skipped": {"sla_off": n, "bot_removed": n, "no_client_message": n, "cooldown": n}}
--   now = chats that get the message at once; later = those in cooldown; never = the rest.
-- =====================================================================================================

create function feedback.audience(p_chat_ids bigint[], p_period_from timestamptz, p_period_to timestamptz,
                                  p_now timestamptz)
returns table (chat_id bigint, reason text)
language sql stable set search_path = '' as $$
  select c.id,
         case when not c.sla_enabled then 'sla_off'
              when not c.monitoring_enabled then 'bot_removed'
              when not exists (select 1 from public.messages m
                                where m.chat_id = c.id and m.sender_kind = 'client' and m.direction = 'in'
                                  and m.sent_at >= p_period_from and m.sent_at < p_period_to) then 'no_client_message'
              when feedback.last_survey_message(c.id) > p_now - make_interval(hours => st.survey_cooldown_hours) then 'cooldown'
         end
  from public.chats c cross join public.settings st
  where p_chat_ids is null or c.id = any (p_chat_ids)
$$;
comment on function feedback.audience(bigint[], timestamptz, timestamptz, timestamptz) is
  'Every chat of a survey scope (null = all) with why it gets no survey message at p_now: sla_off, bot_removed, no_client_message, cooldown; null = it gets one.';

-- A manual survey rates the three months before it starts.
create function feedback.manual_period_from(p_now timestamptz) returns timestamptz
language sql immutable as $$
  select p_now - interval '3 months'
$$;
comment on function feedback.manual_period_from(timestamptz) is 'Start of the period a manual survey started at p_now rates (it ends at p_now).';

create function feedback.preview(p_chat_ids bigint[], p_now timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'chats', count(*),
    'now', count(*) filter (where a.reason is null),
    'later', count(*) filter (where a.reason = 'cooldown'),
    'never', count(*) filter (where a.reason <> 'cooldown'),
    'skipped', jsonb_build_object(
      'sla_off', count(*) filter (where a.reason = 'sla_off'),
      'bot_removed', count(*) filter (where a.reason = 'bot_removed'),
      'no_client_message', count(*) filter (where a.reason = 'no_client_message'),
      'cooldown', count(*) filter (where a.reason = 'cooldown')))
  from feedback.audience(p_chat_ids, feedback.manual_period_from(p_now), p_now, p_now) a
$$;
comment on function feedback.preview(bigint[], timestamptz) is
  'What starting a manual survey at p_now would do: how many chats get it now, after the cooldown, never, and why.';

-- The console's entry takes no time argument, like public.start_survey.
create function public.survey_preview(p_chat_ids bigint[] default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not authz.is_manager() then
    raise exception 'survey_preview: managers and admins only' using errcode = '42501';
  end if;
  return feedback.preview(p_chat_ids, now());
end $$;
comment on function public.survey_preview(bigint[]) is
  'Console (managers/admins): feedback.preview now — how many chats a manual survey for the given chats (null = all) reaches now, later and never, with reasons.';
grant execute on function public.survey_preview(bigint[]) to authenticated;
