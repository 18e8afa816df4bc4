-- =====================================================================================================
-- Global settings: one row holding every default and tunable of the product, each checked against its
-- allowed range. New chats copy their defaults from here; requests snapshot them when they open.
-- =====================================================================================================

create table public.settings (
  id boolean primary key default true check (id),
  default_threshold_minutes integer not null default 60 check (default_threshold_minutes between 1 and 1440),
  warning_percent integer not null default 80 check (warning_percent between 0 and 99),
  escalation_interval_minutes integer not null default 30 check (escalation_interval_minutes between 1 and 1440),
  escalation_max_count integer not null default 5 check (escalation_max_count between 0 and 20),
  global_manager_telegram_ids bigint[] not null default '{}' check (0 < all (global_manager_telegram_ids)),
  internal_team_chat_id bigint,
  survey_enabled boolean not null default true,
  survey_reminder_day integer not null default 2 check (survey_reminder_day between 1 and 7),
  survey_expiry_days integer not null default 7 check (survey_expiry_days between 1 and 30),
  survey_cooldown_hours integer not null default 24 check (survey_cooldown_hours between 0 and 720),
  low_rating_threshold integer not null default 3 check (low_rating_threshold between 1 and 5),
  faq_enabled boolean not null default true,
  faq_min_score numeric(4, 2) not null default 0.5 check (faq_min_score > 0 and faq_min_score <= 1),
  out_of_hours_ack boolean not null default false,
  llm_enabled boolean not null default false,
  llm_model text not null default 'openai/gpt-4o-mini' check (length(llm_model) between 1 and 200),
  llm_timeout_ms integer not null default 2000 check (llm_timeout_ms between 100 and 10000),
  retention_years integer not null default 3 check (retention_years between 1 and 10),
  updated_at timestamptz not null default now()
);
comment on table public.settings is 'The single row of global settings (id is always true): every default and tunable with its allowed range.';
insert into public.settings default values;

alter table public.settings enable row level security;
create policy settings_select on public.settings for select to authenticated using ((select authz.role()) is not null);
create policy settings_admin_update on public.settings for update to authenticated
  using ((select authz.is_admin())) with check ((select authz.is_admin()));
