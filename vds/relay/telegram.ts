// One Bot API call and what its answer means for the outbox row. Telegram has no idempotency key, so
// the only question that matters besides success is: could the message have been delivered anyway?
import type { Config } from "./config.ts";
import type { Method } from "./outbox.ts";

export type Outcome =
  | { type: "sent"; result: unknown }
  | { type: "rate_limited"; retryAfterMs: number; error: string }
  // inDoubt: the request may have reached Telegram (timeout, connection cut mid-request).
  | { type: "transient"; error: string; inDoubt: boolean }
  | { type: "permanent"; error: string }
  // The group became a supergroup: the same message goes to the new chat id.
  | { type: "migrated"; newChatId: number; error: string };

type Answer = {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
};

export type Bot = (method: Method | "getMe", params: Record<string, unknown>) => Promise<Outcome>;

export function createBot(cfg: Config): Bot {
  const base = `${cfg.TELEGRAM_API_ROOT}/bot${cfg.TELEGRAM_BOT_TOKEN}`;
  return async (method, params) => {
    let res: Response;
    try {
      res = await fetch(`${base}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(cfg.RELAY_TELEGRAM_TIMEOUT_MS),
      });
    } catch (e) {
      return networkFailure(e, cfg.RELAY_TELEGRAM_TIMEOUT_MS);
    }
    let answer: Answer;
    try {
      answer = await res.json();
    } catch {
      return { type: "transient", error: `${res.status} unreadable answer from the Bot API`, inDoubt: res.ok };
    }
    return classify(res.status, answer);
  };
}

export function classify(status: number, a: Answer): Outcome {
  if (a.ok) return { type: "sent", result: a.result ?? true };
  const code = a.error_code ?? status;
  const error = `${code} ${a.description ?? "no description"}`;
  if (code === 429) return { type: "rate_limited", retryAfterMs: (a.parameters?.retry_after ?? 1) * 1000, error };
  if (a.parameters?.migrate_to_chat_id) return { type: "migrated", newChatId: a.parameters.migrate_to_chat_id, error };
  // An edit that changes nothing means the message already looks like this (e.g. a resend after a crash).
  if (code === 400 && /message is not modified/i.test(a.description ?? "")) return { type: "sent", result: true };
  // 5xx: Telegram failed before doing it. 401/404: our token or API root is wrong, not the message:
  // keep the row and let /health show Telegram down instead of failing every message for good.
  if (code >= 500 || code === 401 || code === 404) return { type: "transient", error, inDoubt: false };
  return { type: "permanent", error };
}

function networkFailure(e: unknown, timeoutMs: number): Outcome {
  const name = e instanceof Error ? e.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return { type: "transient", error: `timeout: no answer from the Bot API within ${timeoutMs} ms`, inDoubt: true };
  }
  const message = e instanceof Error ? e.message : String(e);
  // Refused or unresolvable: the request never left, so nothing can have been delivered.
  const neverSent = /connection refused|dns error|failed to lookup|name or service not known/i.test(message);
  return { type: "transient", error: `network: ${message.slice(0, 200)}`, inDoubt: !neverSent };
}
