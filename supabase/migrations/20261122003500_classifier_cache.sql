-- =====================================================================================================
-- Classifier cache: LLM labels of ambiguous client messages, keyed by the SHA-256 of the normalised text
-- (the message itself is not stored twice), valid 24 hours. It lets a cold-started webhook isolate reuse
-- earlier answers instead of paying for the LLM again. Rule labels are never cached: they are free.
-- Callers: the webhook (service_role) through public.classifier_cache_get / _put; sla.daily_purge deletes expired rows.
-- =====================================================================================================

create table sla.classifier_cache (
  text_hash bytea primary key check (length(text_hash) = 32),
  label text not null check (label in ('REQUEST', 'SPAM', 'GRATITUDE', 'CLARIFICATION')),
  confidence numeric(3, 2) not null check (confidence between 0 and 1),
  model text not null check (length(model) between 1 and 200),
  created_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > created_at)
);
comment on table sla.classifier_cache is
  'LLM labels of ambiguous client messages by sha256(normalised text), valid until expires_at (24 h). Written and read only through definer RPCs.';
create index classifier_cache_expiry on sla.classifier_cache (expires_at);
-- No policies: nobody reads the table directly; the RPCs below run with definer rights.
alter table sla.classifier_cache enable row level security;

create function sla.text_hash(p_text text) returns bytea
language sql immutable set search_path = '' as $$ select pg_catalog.sha256(pg_catalog.convert_to(p_text, 'UTF8')) $$;
comment on function sla.text_hash(text) is 'Cache key of a normalised message text: its SHA-256 over UTF-8.';

create function public.classifier_cache_get(p_text text, p_now timestamptz default now()) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('label', c.label, 'confidence', c.confidence, 'expires_at', c.expires_at)
  from sla.classifier_cache c
  where c.text_hash = sla.text_hash(p_text) and c.expires_at > p_now
$$;
comment on function public.classifier_cache_get(text, timestamptz) is
  'Cached LLM label of a normalised text: {label, confidence, expires_at}, or null when absent or expired at p_now.';

create function public.classifier_cache_put(
  p_text text, p_label text, p_confidence numeric, p_model text, p_now timestamptz default now()
) returns void
language sql volatile security definer set search_path = '' as $$
  insert into sla.classifier_cache as c (text_hash, label, confidence, model, created_at, expires_at)
  values (sla.text_hash(p_text), p_label, round(p_confidence, 2), p_model, p_now, p_now + interval '24 hours')
  on conflict (text_hash) do update
    set label = excluded.label, confidence = excluded.confidence, model = excluded.model,
        created_at = excluded.created_at, expires_at = excluded.expires_at
$$;
comment on function public.classifier_cache_put(text, text, numeric, text, timestamptz) is
  'Stores (or refreshes) the LLM label of a normalised text for 24 hours from p_now.';

create function sla.purge_classifier_cache(p_now timestamptz default now()) returns integer
language sql volatile security definer set search_path = '' as $$
  with gone as (delete from sla.classifier_cache c where c.expires_at <= p_now returning 1)
  select count(*)::integer from gone
$$;
comment on function sla.purge_classifier_cache(timestamptz) is 'Deletes expired cache rows (sla.daily_purge); returns how many.';

grant execute on function public.classifier_cache_get(text, timestamptz),
  public.classifier_cache_put(text, text, numeric, text, timestamptz) to service_role;

