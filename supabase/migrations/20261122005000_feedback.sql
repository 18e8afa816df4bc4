-- =====================================================================================================
-- Feedback: quarterly and manual surveys, one group message per chat with a
-- static 1–5 keyboard, votes per group member (change / withdraw), comments, low-rating alerts, and
-- anonymised aggregates (average, distribution, NPS, trend by quarter, per accountant).
--
-- RPCs for the console (authenticated):
--   public.start_survey(p_chat_ids bigint[] default null, p_title text default null) → bigint (server clock)
--       managers/admins; null chats = every connected chat; deliveries are written by the next tick.
--   public.feedback_summary(p_survey_id bigint default null, p_chat_id bigint default null,
--       p_accountant_telegram_id bigint default null) → jsonb {votes, average, distribution{"1".."5"}, nps}
--   public.feedback_trend(p_chat_id bigint default null) → table(quarter date, votes, average, nps)
--   public.feedback_by_accountant(p_survey_id bigint default null)
--       → table(accountant_telegram_id, accountant_name, votes, average, nps)
--   public.feedback_comments(p_survey_id bigint default null, p_chat_id bigint default null)
--       → table(delivery_id, survey_id, chat_id, chat_title, rating, comment, voted_at) — never the voter
--   Every one of them sees only the caller's visible chats (managers/admins/observers all, accountants
--   their own). Tables: public.surveys (all staff read), public.survey_deliveries (per chat visibility),
--   public.survey_votes (with the voter's identity: managers/admins only).
-- RPCs for the webhook (service_role):
--   public.survey_vote(p_delivery_id, p_chat_id, p_telegram_user_id, p_rating (0 = withdraw), p_now, p_voter_name)
--       → text, the Russian answer for answerCallbackQuery. A vote counts only when pressed in the
--       delivery's own chat (p_chat_id: where the button was) by someone who is not staff there; the
--       first rating of a voter posts an invitation to comment (outbox 'survey_invite').
-- Clock: feedback.tick(p_now) (pg_cron 'feedback-tick' every minute) — see 20261122005100.
-- =====================================================================================================

create schema if not exists feedback;
comment on schema feedback is 'Survey internals (not exposed through PostgREST).';
grant usage on schema feedback to service_role;

create table public.surveys (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('quarterly', 'manual')),
  title text not null check (length(title) between 1 and 200),
  chat_ids bigint[],
  period_from timestamptz not null,
  period_to timestamptz not null,
  quarter date not null,
  started_at timestamptz not null,
  expires_at timestamptz not null,
  status text not null default 'active' check (status in ('active', 'closed')),
  created_by text not null check (length(created_by) between 1 and 300),
  check (period_from < period_to and started_at < expires_at)
);
comment on table public.surveys is
  'A survey campaign: quarterly (pg_cron) or manual (console). Chats with a client message in [period_from, period_to) get one delivery each.';
comment on column public.surveys.chat_ids is 'Chats a manual survey was started for; null = every connected chat.';
comment on column public.surveys.quarter is 'The quarter being rated (its first day): the previous quarter for a quarterly survey, the current one for a manual survey.';
create unique index surveys_one_per_quarter on public.surveys (quarter) where kind = 'quarterly';

alter table public.surveys enable row level security;
create policy surveys_select on public.surveys for select to authenticated using ((select authz.role()) is not null);
revoke insert, update, delete, truncate on public.surveys from authenticated;

create table public.survey_deliveries (
  id bigint generated always as identity primary key,
  survey_id bigint not null references public.surveys (id) on delete cascade,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  accountant_telegram_id bigint,
  outbox_id bigint references public.outbox (id) on delete set null,
  delivered_at timestamptz not null,
  remind_at timestamptz not null,
  reminded_at timestamptz,
  expires_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'expired')),
  unique (survey_id, chat_id)
);
comment on table public.survey_deliveries is 'One survey message in one chat; votes belong to it.';
comment on column public.survey_deliveries.accountant_telegram_id is 'The chat''s primary accountant when the survey was delivered (per-accountant aggregates).';
comment on column public.survey_deliveries.remind_at is 'When the reminder is due (settings.survey_reminder_day); sent only if nobody voted yet.';
create index survey_deliveries_chat on public.survey_deliveries (chat_id, delivered_at desc);
create index survey_deliveries_open on public.survey_deliveries (expires_at) where status = 'open';

alter table public.survey_deliveries enable row level security;
create policy survey_deliveries_select on public.survey_deliveries for select to authenticated
  using ((select authz.sees_all_chats()) or chat_id in (select authz.my_chat_ids()));
revoke insert, update, delete, truncate on public.survey_deliveries from authenticated;

-- The latest vote of each voter; its history is feedback.vote_events (append-only).
create table public.survey_votes (
  id bigint generated always as identity primary key,
  delivery_id bigint not null references public.survey_deliveries (id) on delete cascade,
  chat_id bigint not null references public.chats (id) on update cascade on delete cascade,
  telegram_user_id bigint not null,
  voter_name text check (length(voter_name) <= 300),
  rating integer check (rating between 1 and 5),
  voted_at timestamptz not null,
  comment text check (length(comment) <= 4000),
  comment_message_id bigint,
  commented_at timestamptz,
  updated_at timestamptz not null,
  unique (delivery_id, telegram_user_id)
);
comment on table public.survey_votes is
  'Each voter''s current vote on a delivery (rating null = withdrawn, counts nowhere). Carries the client''s identity: managers and admins only.';
comment on column public.survey_votes.voted_at is 'Last time a rating was given.';
create index survey_votes_chat on public.survey_votes (chat_id, telegram_user_id, voted_at desc);

alter table public.survey_votes enable row level security;
create policy survey_votes_select on public.survey_votes for select to authenticated using ((select authz.is_manager()));
revoke insert, update, delete, truncate on public.survey_votes from authenticated;

create table feedback.vote_events (
  id bigint generated always as identity primary key,
  vote_id bigint not null references public.survey_votes (id) on delete cascade,
  rating integer check (rating between 1 and 5),
  at timestamptz not null
);
comment on table feedback.vote_events is 'Append-only history of votes: every rating given or withdrawn (rating null).';
alter table feedback.vote_events enable row level security;

-- ---------------------------------------------------------------------------------------------------
-- Aggregates: only counted votes (latest value, not withdrawn) of the caller's visible chats
-- ---------------------------------------------------------------------------------------------------

-- NPS = round(%(4–5) − %(1–3)): {5,4,3} → 33, {5,5} → 100, {5,1} → 0.
create function feedback.stats(p_ratings integer[]) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('votes', count(r), 'average', round(avg(r), 2),
    'distribution', jsonb_build_object('1', count(*) filter (where r = 1), '2', count(*) filter (where r = 2),
      '3', count(*) filter (where r = 3), '4', count(*) filter (where r = 4), '5', count(*) filter (where r = 5)),
    'nps', round(100.0 * (count(*) filter (where r >= 4) - count(*) filter (where r <= 3)) / nullif(count(r), 0))::integer)
  from unnest(p_ratings) r
$$;
comment on function feedback.stats(integer[]) is 'Votes, average (2 decimals), distribution 1..5 and NPS of a set of ratings (nulls for no votes).';

-- Counted votes the caller may aggregate, without the voter's identity.
create function feedback.visible_votes() returns table (vote_id bigint, rating integer, comment text, voted_at timestamptz,
  delivery_id bigint, survey_id bigint, chat_id bigint, accountant_telegram_id bigint, quarter date)
language sql stable security definer set search_path = '' as $$
  select v.id, v.rating, v.comment, v.voted_at, d.id, d.survey_id, d.chat_id, d.accountant_telegram_id, s.quarter
  from public.survey_votes v
  join public.survey_deliveries d on d.id = v.delivery_id
  join public.surveys s on s.id = d.survey_id
  where v.rating is not null
    and ((select authz.sees_all_chats()) or d.chat_id in (select authz.my_chat_ids()))
$$;
comment on function feedback.visible_votes() is 'Counted votes (not withdrawn) of the chats the logged-in user sees; no voter identity.';

create function public.feedback_summary(p_survey_id bigint default null, p_chat_id bigint default null,
                                        p_accountant_telegram_id bigint default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select feedback.stats(coalesce(array_agg(v.rating), '{}'))
  from feedback.visible_votes() v
  where (p_survey_id is null or v.survey_id = p_survey_id) and (p_chat_id is null or v.chat_id = p_chat_id)
    and (p_accountant_telegram_id is null or v.accountant_telegram_id = p_accountant_telegram_id)
$$;
comment on function public.feedback_summary(bigint, bigint, bigint) is
  'Console: {votes, average, distribution {"1".."5"}, nps} over the caller''s visible chats, optionally one survey / chat / accountant.';

create function public.feedback_trend(p_chat_id bigint default null)
returns table (quarter date, votes integer, average numeric, nps integer)
language sql stable security definer set search_path = '' as $$
  select v.quarter, (s ->> 'votes')::integer, (s ->> 'average')::numeric, (s ->> 'nps')::integer
  from (select v.quarter, feedback.stats(array_agg(v.rating)) s from feedback.visible_votes() v
        where p_chat_id is null or v.chat_id = p_chat_id group by v.quarter) v
  order by v.quarter
$$;
comment on function public.feedback_trend(bigint) is 'Console: votes, average and NPS per rated quarter, oldest first (caller''s visible chats).';

create function public.feedback_by_accountant(p_survey_id bigint default null)
returns table (accountant_telegram_id bigint, accountant_name text, votes integer, average numeric, nps integer)
language sql stable security definer set search_path = '' as $$
  select a.accountant_telegram_id, authz.person_name(a.accountant_telegram_id),
         (a.s ->> 'votes')::integer, (a.s ->> 'average')::numeric, (a.s ->> 'nps')::integer
  from (select v.accountant_telegram_id, feedback.stats(array_agg(v.rating)) s from feedback.visible_votes() v
        where p_survey_id is null or v.survey_id = p_survey_id group by v.accountant_telegram_id) a
  order by a.accountant_telegram_id nulls last
$$;
comment on function public.feedback_by_accountant(bigint) is
  'Console: votes, average and NPS per primary accountant of the rated chats (null = chat without one).';

-- Anonymous means nobody but managers can tell who wrote a comment: the time is only the day (an exact
-- time matches the comment to the voter's other activity) and the list is ordered by day, then chat.
create function public.feedback_comments(p_survey_id bigint default null, p_chat_id bigint default null)
returns table (delivery_id bigint, survey_id bigint, chat_id bigint, chat_title text, rating integer,
               comment text, voted_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select v.delivery_id, v.survey_id, v.chat_id, c.title, v.rating, v.comment,
         date_trunc('day', v.voted_at at time zone tz.name) at time zone tz.name
  from feedback.visible_votes() v join public.chats c on c.id = v.chat_id cross join sla.firm_timezone() tz (name)
  where v.comment is not null and (p_survey_id is null or v.survey_id = p_survey_id)
    and (p_chat_id is null or v.chat_id = p_chat_id)
  order by 7 desc, v.chat_id, v.comment
$$;
comment on function public.feedback_comments(bigint, bigint) is
  'Console: comments with their rating, anonymised for every role (no voter id or name, voted_at = start of the day in the firm''s timezone); managers read public.survey_votes for identities.';

-- A comment is also a message of the chat's log. Without this, one text filter on public.messages by an
-- accountant or observer would name the author (sender_name, sender_telegram_id) of an anonymous comment,
-- so those messages are readable by managers and admins only.
create function authz.survey_comment_message_ids() returns setof bigint
language sql stable security definer set search_path = '' as $$
  select m.id from public.survey_votes v
    join public.messages m on m.chat_id = v.chat_id and m.message_id = v.comment_message_id
   where v.comment_message_id is not null
$$;
comment on function authz.survey_comment_message_ids() is
  'Rows of public.messages that became survey comments (every version); hidden from accountants and observers.';
grant execute on function authz.survey_comment_message_ids() to authenticated;
create policy messages_hide_survey_comments on public.messages as restrictive for select to authenticated
  using ((select authz.is_manager()) or id not in (select authz.survey_comment_message_ids()));

grant execute on function public.feedback_summary(bigint, bigint, bigint), public.feedback_trend(bigint),
  public.feedback_by_accountant(bigint), public.feedback_comments(bigint, bigint) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Voting (webhook) and starting a survey (console)
-- ---------------------------------------------------------------------------------------------------

-- A rating ≤ settings.low_rating_threshold: a DM to the chat's managers (else the global managers),
-- written at vote time so it goes out within seconds. One alert per voter and delivery (dedup key),
-- so changing the vote back and forth does not page anybody twice.
create function feedback.alert_low_rating(p_vote public.survey_votes, p_now timestamptz) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  insert into public.outbox (kind, chat_id, about_chat_id, payload, dedup_key, not_before)
  select 'low_rating', r.id, p_vote.chat_id,
         sla.html_message(concat_ws(E'\n',
           format('⚠️ <b>Низкая оценка клиента: %s из 5</b>', p_vote.rating),
           '💬 Чат: <b>' || sla.html_escape(nullif(c.title, '')) || '</b>',
           '👤 Клиент: ' || sla.html_escape(authz.person_name(p_vote.telegram_user_id, c.id, p_vote.voter_name)),
           '🕒 ' || sla.local_time(p_now, sla.get_schedule(c.id) ->> 'timezone'))),
         format('low_rating:%s:%s', p_vote.id, r.id), p_now
  from public.chats c
  cross join lateral (select distinct m.telegram_user_id from authz.chat_managers(c.id) m) r (id)
  where c.id = p_vote.chat_id
  on conflict (dedup_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function feedback.alert_low_rating(public.survey_votes, timestamptz) is
  'Writes the low-rating DMs of a vote to the chat''s managers (else global managers), once per voter and delivery.';

-- The group message inviting a voter to comment: a reply to it (or to the survey) becomes the comment.
create function feedback.invite_comment(p_vote public.survey_votes, p_now timestamptz) returns void
language sql set search_path = '' as $$
  insert into public.outbox (kind, chat_id, payload, dedup_key, to_client_group, not_before)
  select 'survey_invite', p_vote.chat_id,
         sla.html_message(format('✏️ %s, спасибо за оценку! Если хотите что-то добавить, <b>ответьте на это сообщение</b> — '
                                 || 'ваш ответ станет комментарием к оценке.',
                                 sla.html_escape(coalesce(p_vote.voter_name, 'Клиент')))),
         format('survey_invite:%s:%s', p_vote.delivery_id, p_vote.telegram_user_id), true, p_now
  on conflict (dedup_key) do nothing
$$;
comment on function feedback.invite_comment(public.survey_votes, timestamptz) is
  'Posts (once per voter and delivery) the invitation to comment by replying; dedup key survey_invite:<delivery>:<voter>.';

create function public.survey_vote(p_delivery_id bigint, p_chat_id bigint, p_telegram_user_id bigint, p_rating integer,
                                   p_now timestamptz default now(), p_voter_name text default null)
returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_delivery public.survey_deliveries;
  v_vote public.survey_votes;
begin
  select * into v_delivery from public.survey_deliveries d where d.id = p_delivery_id;
  if v_delivery.id is null or p_rating not between 0 and 5 then
    return 'Опрос не найден';
  elsif sla.current_chat_id(p_chat_id) is distinct from v_delivery.chat_id then
    return 'Голосовать можно только в чате, куда пришёл опрос';
  elsif v_delivery.status = 'expired' or p_now >= v_delivery.expires_at then
    return 'Опрос завершён, спасибо!';
  elsif authz.chat_role(v_delivery.chat_id, p_telegram_user_id) <> 'client' then
    return 'Оценку ставят клиенты — сотрудники не голосуют';
  end if;
  if p_rating = 0 then
    update public.survey_votes v set rating = null, updated_at = p_now
     where v.delivery_id = p_delivery_id and v.telegram_user_id = p_telegram_user_id and v.rating is not null
    returning * into v_vote;
    if v_vote.id is null then
      return 'У вас нет оценки в этом опросе';
    end if;
  else
    insert into public.survey_votes as v (delivery_id, chat_id, telegram_user_id, voter_name, rating, voted_at, updated_at)
    values (p_delivery_id, v_delivery.chat_id, p_telegram_user_id, left(p_voter_name, 300), p_rating, p_now, p_now)
    on conflict (delivery_id, telegram_user_id) do update
      set rating = excluded.rating, voted_at = excluded.voted_at, updated_at = excluded.updated_at,
          voter_name = coalesce(excluded.voter_name, v.voter_name)
    returning * into v_vote;
    if p_rating <= (select s.low_rating_threshold from public.settings s) then
      perform feedback.alert_low_rating(v_vote, p_now);
    end if;
    perform feedback.invite_comment(v_vote, p_now);
  end if;
  insert into feedback.vote_events (vote_id, rating, at) values (v_vote.id, v_vote.rating, p_now);
  return case when p_rating = 0 then 'Оценка отозвана' else format('Спасибо! Ваша оценка: %s', p_rating) end;
end $$;
comment on function public.survey_vote(bigint, bigint, bigint, integer, timestamptz, text) is
  'Webhook: a press on a survey button (rating 1..5, 0 = withdraw) in chat p_chat_id. Returns the Russian answer for answerCallbackQuery; presses in another chat, expired or unknown surveys and staff presses get a polite refusal.';
grant execute on function public.survey_vote(bigint, bigint, bigint, integer, timestamptz, text) to service_role;

create function feedback.start_manual_survey(p_chat_ids bigint[], p_title text, p_created_by text, p_now timestamptz)
returns bigint
language plpgsql set search_path = '' as $$
declare
  v_id bigint;
begin
  insert into public.surveys (kind, title, chat_ids, period_from, period_to, quarter, started_at, expires_at, created_by)
  select 'manual', coalesce(nullif(btrim(p_title), ''), 'Опрос клиентов ' || to_char(p_now at time zone tz.name, 'DD.MM.YYYY')),
         p_chat_ids, feedback.manual_period_from(p_now), p_now, date_trunc('quarter', p_now at time zone tz.name)::date,
         p_now, p_now + make_interval(days => s.survey_expiry_days), p_created_by
  from public.settings s cross join sla.firm_timezone() tz (name)
  returning id into v_id;
  perform feedback.deliver(v_id, p_now);
  return v_id;
end $$;
comment on function feedback.start_manual_survey(bigint[], text, text, timestamptz) is
  'Starts a manual survey at p_now for the given chats (null = all connected chats) that had a client message in the last 3 months; deliveries are written at once and by feedback.tick. Returns the survey id.';

-- The console's entry takes no time argument: a survey starts by the server's clock, never the caller's.
create function public.start_survey(p_chat_ids bigint[] default null, p_title text default null)
returns bigint
language plpgsql security definer set search_path = '' as $$
begin
  if not authz.is_manager() then
    raise exception 'start_survey: managers and admins only' using errcode = '42501';
  end if;
  return feedback.start_manual_survey(p_chat_ids, p_title, coalesce('staff ' || (select authz.telegram_user_id()), 'console'), now());
end $$;
comment on function public.start_survey(bigint[], text) is
  'Console (managers/admins): feedback.start_manual_survey now, for the given chats (null = all connected chats). Returns the survey id.';
grant execute on function public.start_survey(bigint[], text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Survey comments on the webhook's hot path: a voter's Telegram REPLY to the survey message, its
-- reminder or their invitation to comment becomes the comment of their counted vote on that delivery —
-- and then it is not classified, so it opens no request. Any other message is an ordinary message (a
-- client's real question is never swallowed). Captured inside public.ingest_message right after
-- record_message. One comment per vote; commands, stickers, media without a caption and edits never are.
-- The replied-to message is found by the outbox rows of the voter's open deliveries in the chat
-- (dedup keys survey:<d>, survey_reminder:<d>, survey_invite:<d>:<voter>) and their Telegram message ids.
-- ---------------------------------------------------------------------------------------------------

create function feedback.capture_comment(p_message_row_id bigint, p_now timestamptz) returns boolean
language plpgsql set search_path = '' as $$
declare
  v_msg public.messages;
  v_vote_id bigint;
begin
  select * into v_msg from public.messages m where m.id = p_message_row_id;
  if v_msg.id is null or v_msg.reply_to_message_id is null or v_msg.direction <> 'in' or v_msg.sender_kind <> 'client'
     or v_msg.version <> 1 or v_msg.is_command or v_msg.kind not in ('text', 'caption') or coalesce(btrim(v_msg.text), '') = '' then
    return false;
  end if;
  update public.survey_votes v
     set comment = left(btrim(v_msg.text), 4000), comment_message_id = v_msg.message_id, commented_at = p_now
   where v.id = (
     select v2.id from public.survey_votes v2
       join public.survey_deliveries d on d.id = v2.delivery_id
      where v2.chat_id = v_msg.chat_id and v2.telegram_user_id = v_msg.sender_telegram_id
        and v2.rating is not null and v2.comment is null and d.status = 'open' and p_now < d.expires_at
        and exists (select 1 from public.outbox o
                     where o.dedup_key in ('survey:' || d.id, 'survey_reminder:' || d.id,
                                           format('survey_invite:%s:%s', d.id, v2.telegram_user_id))
                       and o.chat_id = v_msg.source_chat_id and o.telegram_message_id = v_msg.reply_to_message_id)
      order by v2.voted_at desc limit 1)
  returning v.id into v_vote_id;
  return v_vote_id is not null;
end $$;
comment on function feedback.capture_comment(bigint, timestamptz) is
  'Makes a client''s reply to a survey message, its reminder or their invitation the comment of their vote on that open delivery. True when captured.';
