-- =====================================================================================================
-- Retention in slices: the daily purge (sla.purge, 20261122005800_retention.sql) deletes a month of a
-- large firm — hundreds of thousands of messages and requests — in statements of at most 5,000 ids, so no
-- statement runs for long, builds a huge trigger queue or stalls the webhook's writes, and the work grows
-- linearly with what expires. Slices walk the primary key between the lowest and the highest expiring id
-- (rows are appended in time order, so that range holds little else).
-- The indexes below exist for the purge only: each deleted message or outbox row makes Postgres null the
-- columns that refer to it, which without an index is a scan of the referring table per deleted row; the
-- BRIN indexes find the expiring id range of the append-only logs and cost next to nothing per insert.
-- =====================================================================================================

create index requests_first_message on public.requests (first_message_row_id) where first_message_row_id is not null;
create index survey_deliveries_outbox on public.survey_deliveries (outbox_id) where outbox_id is not null;
create index vote_events_vote on feedback.vote_events (vote_id);
create index sla_events_at_brin on public.sla_events using brin (at);
create index outbox_created_brin on public.outbox using brin (created_at);

-- Deletes the rows of p_table matching p_where ($1 is the cutoff) whose id lies between the lowest and
-- highest id matching p_bounds, 5,000 ids per statement. Both conditions are the caller's constant SQL.
create function sla.delete_in_slices(p_table regclass, p_bounds text, p_where text, p_cutoff timestamptz)
returns bigint
language plpgsql set search_path = '' as $$
declare
  v_slice constant integer := 5000;
  v_from bigint;
  v_to bigint;
  v_deleted bigint;
  v_total bigint := 0;
begin
  -- "offset 0" keeps the planner from answering min() and max() by walking the primary key from each end.
  execute format('select min(id), max(id) from (select t.id from %s t where %s offset 0) b', p_table, p_bounds)
    into v_from, v_to using p_cutoff;
  while v_from <= v_to loop
    execute format('delete from %s t where t.id >= $2 and t.id < $3 and (%s)', p_table, p_where)
      using p_cutoff, v_from, v_from + v_slice;
    get diagnostics v_deleted = row_count;
    v_total := v_total + v_deleted;
    v_from := v_from + v_slice;
  end loop;
  return v_total;
end $$;
comment on function sla.delete_in_slices(regclass, text, text, timestamptz) is
  'Retention helper: deletes matching rows 5,000 ids at a time over the id range of the expiring rows; returns how many.';
