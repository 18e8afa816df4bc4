// The dispatch loop: keeps a small local queue of claimed rows, asks the shared limiter for a slot per
// row and hands granted rows to deliver(). Rows the limiter holds back for longer than half a lease go
// back to the database (still due, so their chat's order holds) instead of sitting on a lease.
import type { Logger } from "../../supabase/functions/_shared/log.ts";
import type { Config } from "./config.ts";
import type { Limiter } from "./limiter.ts";
import type { Malformed, Outbox, OutboxRow } from "./outbox.ts";

type Slot = { row: OutboxRow; readyAt: number; claimedAt: number };
type Deps = {
  cfg: Config;
  db: Outbox;
  limiter: Limiter;
  deliver: (row: OutboxRow, slot: string) => Promise<void>;
  log: Logger;
};

export function createRelay({ cfg, db, limiter, deliver, log }: Deps) {
  const queue = new Map<number, Slot>();
  const inflight = new Set<Promise<void>>();
  const holdLimitMs = (cfg.RELAY_LEASE_SECONDS * 1000) / 2;
  let stopping = false, nextClaimAt = 0, limiterDownSince = 0, claimFailing = false;
  let wake = () => {};

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, ms));
      wake = () => (clearTimeout(timer), resolve());
    });

  async function refill() {
    const wanted = cfg.RELAY_BATCH - queue.size - inflight.size;
    try {
      const { rows, malformed } = await db.claim(wanted);
      malformed.forEach(reject);
      const now = Date.now();
      for (const row of rows) queue.set(row.id, { row, readyAt: queue.get(row.id)?.readyAt ?? now, claimedAt: now });
      nextClaimAt = rows.length + malformed.length < wanted ? now + cfg.RELAY_POLL_MS : now;
      if (claimFailing) log.info("database reachable again; claiming resumes");
      claimFailing = false;
    } catch (e) {
      if (!claimFailing) log.error("cannot claim outbox rows; retrying", { error: e });
      claimFailing = true;
      nextClaimAt = Date.now() + cfg.RELAY_POLL_MS;
    }
  }

  // A row the relay cannot read is failed for good (admins are told) rather than left to be claimed again
  // and again while it holds back every later message to its chat.
  function reject({ row, error }: Malformed) {
    if (!row) return log.error("claimed an unreadable outbox row; its lease will lapse", { error });
    const rowLog = log.child({ outbox_id: row.id });
    rowLog.error("claimed a malformed outbox row; failing it", { error });
    db.reject(row, error)
      .then((done) => done || rowLog.warn("could not fail the malformed row: another worker holds it"))
      .catch((e) => rowLog.warn("could not fail the malformed row; its lease will lapse", { error: e }));
  }

  function earliest(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of queue.values()) if (!best || slot.readyAt < best.readyAt) best = slot;
    return best;
  }

  function hold(slot: Slot, waitMs: number) {
    slot.readyAt = Date.now() + waitMs;
    if (slot.readyAt - slot.claimedAt <= holdLimitMs) return;
    queue.delete(slot.row.id);
    db.release([slot.row.id])
      .catch((e) => log.warn("release failed; the lease will free the row", { outbox_id: slot.row.id, error: e }));
  }

  function start(row: OutboxRow, slot: string) {
    const p = deliver(row, slot)
      .catch((e) => log.error("delivery crashed; the lease will settle the row", { outbox_id: row.id, error: e }))
      .finally(() => {
        inflight.delete(p);
        nextClaimAt = 0; // the chat's next message may be claimable now
        wake();
      });
    inflight.add(p);
  }

  async function dispatch(slot: Slot) {
    let grant;
    try {
      grant = await limiter.reserve(slot.row.chat_id);
      if (limiterDownSince) log.info("rate limiter reachable again; sending resumes");
      limiterDownSince = 0;
    } catch (e) {
      // Without the shared limiter nothing is sent: the limits hold for every instance or not at all.
      if (!limiterDownSince) log.error("rate limiter unreachable; sending paused", { error: e });
      limiterDownSince ||= Date.now();
      return hold(slot, 250);
    }
    if (grant.ok) {
      queue.delete(slot.row.id);
      return start(slot.row, grant.slot);
    }
    if (grant.scope === "bot" || grant.scope === "bot_pause") return void (await nap(grant.waitMs));
    hold(slot, grant.waitMs);
  }

  const canClaim = () => queue.size + inflight.size < cfg.RELAY_BATCH / 2 && !limiterDownSince;

  async function run() {
    while (!stopping) {
      if (canClaim() && Date.now() >= nextClaimAt) await refill();
      const slot = earliest();
      if (slot && slot.readyAt <= Date.now()) {
        await dispatch(slot);
        continue;
      }
      const until = Math.min(slot?.readyAt ?? Infinity, canClaim() ? nextClaimAt : Infinity);
      await nap(Math.min(until - Date.now(), limiterDownSince ? 250 : cfg.RELAY_POLL_MS));
      if (limiterDownSince && !queue.size) await limiter.ping().then(() => (limiterDownSince = 0), () => {});
    }
  }

  let loop: Promise<void> | undefined;
  return {
    start: () => void (loop = run()),
    /** Graceful stop: no new sends, in-flight sends finish and are recorded, queued rows go back. */
    async stop() {
      stopping = true;
      wake();
      await loop;
      await Promise.allSettled([...inflight]);
      const ids = [...queue.keys()];
      queue.clear();
      if (ids.length) {
        await db.release(ids).catch((e) => log.warn("release at shutdown failed", { error: e }));
      }
      return ids.length;
    },
    stats: () => ({ queued: queue.size, inflight: inflight.size }),
  };
}
