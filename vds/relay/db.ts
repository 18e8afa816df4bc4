// The relay reaches the database through PostgREST RPC with the service_role key (see README.md, "Why
// PostgREST"). Every call is one SQL function, so every state change of a row is one transaction.
import type { Config } from "./config.ts";

export type Method = "sendMessage" | "editMessageText" | "editMessageReplyMarkup" | "deleteMessage";

export type OutboxRow = {
  id: number;
  kind: string;
  chat_id: number;
  method: Method;
  payload: Record<string, unknown>;
  to_client_group: boolean;
  attempts: number;
  edit_message_id: number | null;
};

export type Db = ReturnType<typeof createDb>;

export function createDb(cfg: Config) {
  const headers = {
    apikey: cfg.SUPABASE_SERVICE_ROLE_KEY,
    authorization: `Bearer ${cfg.SUPABASE_SERVICE_ROLE_KEY}`,
    "content-type": "application/json",
  };

  async function rpc<T>(fn: string, args: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
    const res = await fetch(`${cfg.SUPABASE_URL}/rest/v1/rpc/${fn}`, {
      method: "POST",
      headers,
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${fn}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  const worker = cfg.workerId, lease = cfg.RELAY_LEASE_SECONDS;
  return {
    claim: (limit: number) =>
      rpc<OutboxRow[]>("relay_claim", { p_worker: worker, p_limit: limit, p_lease_seconds: lease }),
    begin: (id: number, attempt: number) =>
      rpc<boolean>("relay_begin", { p_id: id, p_worker: worker, p_attempt: attempt, p_lease_seconds: lease }),
    sent: (id: number, result: unknown) => rpc<boolean>("relay_sent", { p_id: id, p_worker: worker, p_result: result }),
    failed: (id: number, error: string, retryAt: Date | null) =>
      rpc<string | null>("relay_failed", {
        p_id: id,
        p_worker: worker,
        p_error: error,
        p_retry_at: retryAt?.toISOString() ?? null,
      }),
    migrated: (id: number, newChatId: number) =>
      rpc<number | null>("relay_migrated", { p_id: id, p_worker: worker, p_new_chat_id: newChatId }),
    release: (ids: number[]) => rpc<number>("relay_release", { p_worker: worker, p_ids: ids }),
    ping: () => rpc<string>("relay_ping", {}, 2_000),
    metrics: () => rpc<Record<string, unknown>>("relay_metrics", {}, 5_000),
  };
}
