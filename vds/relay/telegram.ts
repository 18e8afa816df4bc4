// One Bot API call and what its answer means for the outbox row. Telegram has no idempotency key, so
// the only question that matters besides success is: could the message have been delivered anyway?
import type { Config } from "./config.ts";
import type { Method } from "./outbox.ts";

export type Outcome =
  | { type: "sent"; result: unknown }
  | { type: "rate_limited"; retryAfterMs: number; error: string }
  // inDoubt: the request may have reached Telegram (timeout, connection cut mid-request).
  // unreachable: Telegram could not be reached at all (nothing left this machine).
  | { type: "transient"; error: string; inDoubt: boolean; unreachable?: true }
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

export type Bot = (method: Method | "getMe" | "getWebhookInfo", params: Record<string, unknown>) => Promise<Outcome>;

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

export function networkFailure(e: unknown, timeoutMs: number): Outcome {
  const name = e instanceof Error ? e.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return { type: "transient", error: `timeout: no answer from the Bot API within ${timeoutMs} ms`, inDoubt: true };
  }
  // Deno says only "fetch failed"; what happened is in the cause chain.
  const message = causes(e).join(": ");
  // The connect phase failed (refused, unresolvable, unreachable): no byte of the request left this
  // machine, so nothing can have been delivered and any message may be sent again.
  const neverSent = /client error \(Connect\)|connection refused|dns error|failed to lookup|name or service not known/i
    .test(message);
  const error = `network: ${message.slice(0, 200)}`;
  return neverSent
    ? { type: "transient", error, inDoubt: false, unreachable: true }
    : { type: "transient", error, inDoubt: true };
}

function causes(e: unknown, depth = 0): string[] {
  if (!(e instanceof Error)) return [String(e)];
  return [e.message, ...(e.cause !== undefined && depth < 5 ? causes(e.cause, depth + 1) : [])];
}
