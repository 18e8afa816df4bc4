-- =====================================================================================================
-- Schedule versions: the working-time calendar a request is timed against, stored once per distinct
-- document instead of copied into every request. A request keeps timing against the calendar that was
-- in force when it opened, whatever happens to its chat's calendar later; most requests of a firm share
-- a handful of documents (the firm's calendar, each chat calendar, each year's production calendar), so
-- the 1.3–1.8 KB copy per request becomes an 8-byte reference.
-- Content-addressed and immutable: the key is the SHA-256 of the document's canonical jsonb text, so
-- the same calendar opened by a thousand requests is one row, and a row never changes. Rows are small
-- and few (one per calendar change), so retention leaves them.
-- =====================================================================================================

create table sla.schedule_versions (
  id bigint generated always as identity primary key,
  hash bytea not null unique check (length(hash) = 32),
  document jsonb not null check (jsonb_typeof(document) = 'object'),
  created_at timestamptz not null default now()
);
comment on table sla.schedule_versions is
  'Immutable working-time documents (sla.get_schedule) keyed by the SHA-256 of their text; requests.schedule_id points here.';
alter table sla.schedule_versions enable row level security; -- no policies: only definer functions use it
revoke all on sla.schedule_versions from public, anon, authenticated;

-- Documents are immutable: a calendar change makes a new version, so nothing may rewrite an old one.
create function sla.schedule_versions_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'schedule versions are immutable' using errcode = 'insufficient_privilege';
end $$;
comment on function sla.schedule_versions_immutable() is 'Trigger: refuses any update of a schedule version.';
create trigger immutable before update on sla.schedule_versions
  for each row execute function sla.schedule_versions_immutable();

-- The version of a document: the existing row with the same text, or a new one. Concurrent callers with
-- the same new document wait for each other on the unique hash and get the same row.
create function sla.schedule_version(p_document jsonb) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_hash bytea := sha256(convert_to(p_document::text, 'UTF8'));
  v_id bigint;
begin
  select v.id into v_id from sla.schedule_versions v where v.hash = v_hash;
  if v_id is null then
    insert into sla.schedule_versions (hash, document) values (v_hash, p_document)
    on conflict (hash) do nothing returning id into v_id;
    if v_id is null then
      select v.id into v_id from sla.schedule_versions v where v.hash = v_hash;
    end if;
  end if;
  return v_id;
end $$;
comment on function sla.schedule_version(jsonb) is
  'Id of the schedule_versions row holding this document, inserted when new (content-addressed by SHA-256).';

alter table public.requests add constraint requests_schedule_fk
  foreign key (schedule_id) references sla.schedule_versions (id);
