-- =====================================================================================================
-- FAQ: answers the bot gives by itself when a client message matches enough of an item's keywords
-- (whole words on normalised text; keywords ending in * match any word starting with the stem:
-- "декларац*"). The matcher lives in the webhook (_shared/faq.ts); the database keeps the items and counts
-- how often each one answered. Answers are plain text: the bot HTML-escapes them when it sends them.
-- Roles: every staff member reads; admins and managers write; the webhook (service_role) loads active
-- items and records uses through the RPCs below.
-- =====================================================================================================

create table public.faq (
  id bigint generated always as identity primary key,
  question text not null unique check (length(trim(question)) between 1 and 500),
  answer text not null check (length(trim(answer)) between 1 and 3500),
  keywords text[] not null,
  is_active boolean not null default true,
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_by uuid default auth.uid() references public.staff (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- 1–30 keywords, none null, each ≤ 100 characters with at least one letter or digit. Inline (no helper
  -- function) so that console users need no EXECUTE grant to insert; lines of the joined list = keywords.
  constraint faq_keywords_valid check (
    cardinality(keywords) between 1 and 30 and array_position(keywords, null) is null
    and array_to_string(keywords, E'\n') !~ '(^|\n)([^[:alnum:]\n]*|[^\n]{101,})(\n|$)')
);
comment on table public.faq is
  'FAQ items the bot answers client messages with. score = matched keywords / keywords; the best item at or above settings.faq_min_score answers.';
comment on column public.faq.answer is 'Plain text shown to the client as a reply; HTML-escaped when sent (Telegram HTML parse mode).';
comment on column public.faq.keywords is 'Words or phrases matched as whole words, case- and ё-insensitive; a trailing * matches any ending.';

-- Counting uses is not an edit: it neither bumps updated_at nor fills the audit log.
create trigger touch before update on public.faq for each row
  when ((old.question, old.answer, old.keywords, old.is_active) is distinct from (new.question, new.answer, new.keywords, new.is_active))
  execute function authz.touch_updated_at();
create trigger audit after insert or delete on public.faq for each row execute function authz.audit('id');
create trigger audit_update after update on public.faq for each row
  when ((old.question, old.answer, old.keywords, old.is_active) is distinct from (new.question, new.answer, new.keywords, new.is_active))
  execute function authz.audit('id');

alter table public.faq enable row level security;
create policy faq_select on public.faq for select to authenticated using ((select authz.role()) is not null);
create policy faq_manager_insert on public.faq for insert to authenticated with check ((select authz.is_manager()));
create policy faq_manager_update on public.faq for update to authenticated
  using ((select authz.is_manager())) with check ((select authz.is_manager()));
create policy faq_manager_delete on public.faq for delete to authenticated using ((select authz.is_manager()));

create function public.faq_active() returns table (id bigint, question text, answer text, keywords text[])
language sql stable security definer set search_path = '' as $$
  select f.id, f.question, f.answer, f.keywords from public.faq f where f.is_active order by f.id
$$;
comment on function public.faq_active() is 'Active FAQ items for the webhook''s matcher.';

create function public.faq_record_use(p_faq_id bigint, p_now timestamptz default now()) returns integer
language sql volatile security definer set search_path = '' as $$
  update public.faq f set usage_count = f.usage_count + 1, last_used_at = p_now
  where f.id = p_faq_id
  returning f.usage_count
$$;
comment on function public.faq_record_use(bigint, timestamptz) is
  'Counts one automatic answer by the FAQ item; returns the new usage count (null for an unknown item).';

grant execute on function public.faq_active(), public.faq_record_use(bigint, timestamptz) to service_role;
