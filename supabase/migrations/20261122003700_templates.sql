-- =====================================================================================================
-- Reply templates for accountants (/template in a client chat): grouped by category, with variables
-- {{client_name}} {{accountant_name}} {{chat_title}} {{date}} {{time}} (date and time in the chat's
-- timezone), rendered by the webhook (_shared/templates.ts). A body may use only those variables: an
-- unknown {{…}} is refused here, so a client never sees a raw placeholder. Bodies are plain text; the
-- bot HTML-escapes the rendered message.
-- Roles: every staff member reads; admins and managers write; the webhook (service_role) lists active
-- templates and records uses through the RPCs below.
-- =====================================================================================================

create table public.templates (
  id bigint generated always as identity primary key,
  category text not null check (length(trim(category)) between 1 and 40),
  title text not null check (length(trim(title)) between 1 and 60),
  body text not null check (length(trim(body)) between 1 and 3500),
  is_active boolean not null default true,
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_by uuid default auth.uid() references public.staff (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (category, title),
  -- every "{{" must open one of the five known variables
  constraint templates_known_variables
    check (body !~ '\{\{(?!\s*(client_name|accountant_name|chat_title|date|time)\s*\}\})')
);
comment on table public.templates is
  'Canned replies for accountants, by category; title is the button text in /template. Variables: {{client_name}} {{accountant_name}} {{chat_title}} {{date}} {{time}}.';
comment on column public.templates.body is 'Plain text with only the five known {{variables}}; HTML-escaped when sent.';

-- Counting uses is not an edit: it neither bumps updated_at nor fills the audit log.
create trigger touch before update on public.templates for each row
  when ((old.category, old.title, old.body, old.is_active) is distinct from (new.category, new.title, new.body, new.is_active))
  execute function authz.touch_updated_at();
create trigger audit after insert or delete on public.templates for each row execute function authz.audit('id');
create trigger audit_update after update on public.templates for each row
  when ((old.category, old.title, old.body, old.is_active) is distinct from (new.category, new.title, new.body, new.is_active))
  execute function authz.audit('id');

alter table public.templates enable row level security;
create policy templates_select on public.templates for select to authenticated using ((select authz.role()) is not null);
create policy templates_manager_insert on public.templates for insert to authenticated with check ((select authz.is_manager()));
create policy templates_manager_update on public.templates for update to authenticated
  using ((select authz.is_manager())) with check ((select authz.is_manager()));
create policy templates_manager_delete on public.templates for delete to authenticated using ((select authz.is_manager()));

create function public.templates_active() returns table (id bigint, category text, title text, body text)
language sql stable security definer set search_path = '' as $$
  select t.id, t.category, t.title, t.body from public.templates t where t.is_active order by t.category, t.title
$$;
comment on function public.templates_active() is 'Active templates by category and title, for the /template keyboard.';

create function public.template_record_use(p_template_id bigint, p_now timestamptz default now()) returns integer
language sql volatile security definer set search_path = '' as $$
  update public.templates t set usage_count = t.usage_count + 1, last_used_at = p_now
  where t.id = p_template_id
  returning t.usage_count
$$;
comment on function public.template_record_use(bigint, timestamptz) is
  'Counts one use of a template by an accountant; returns the new usage count (null for an unknown template).';

grant execute on function public.templates_active(), public.template_record_use(bigint, timestamptz) to service_role;
