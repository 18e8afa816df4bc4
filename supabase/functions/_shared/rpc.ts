// The one way the webhook and the relay talk to Postgres: PostgREST RPCs with the service role key
// (supabase-js), every result validated with zod at the edge. Errors carry the function name and the HTTP
// status so the caller can tell "the database is unreachable" (worth a retry) from "this input was refused".
import { createClient } from "@supabase/supabase-js";
import type { z } from "zod";

export class DbError extends Error {
  override name = "DbError";
  constructor(readonly fn: string, readonly status: number, message: string, readonly code?: string) {
    super(`${fn}: ${message}${code ? ` (${code})` : ""}`);
  }
  /** No answer, or the gateway/PostgREST could not reach Postgres: nothing was done, a retry may succeed. */
  get unavailable(): boolean {
    return this.status === 0 || this.status >= 502;
  }
}

export type RpcOptions = {
  /** Give up after this long (a DbError with status 0): a caller with its own deadline must not hang. */
  timeoutMs?: number;
};

export interface Db {
  rpc<T>(fn: string, args: Record<string, unknown>, result: z.ZodType<T>, options?: RpcOptions): Promise<T>;
}

export function createDb(url: string, serviceRoleKey: string, fetchImpl: typeof fetch = fetch): Db {
  const client = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchImpl },
  });
  return {
    async rpc(fn, args, result, { timeoutMs } = {}) {
      const call = client.rpc(fn, args);
      const { data, error, status } = await (timeoutMs ? call.abortSignal(AbortSignal.timeout(timeoutMs)) : call);
      if (error) throw new DbError(fn, status, error.message, error.code || undefined);
      const parsed = result.safeParse(data);
      if (!parsed.success) throw new DbError(fn, status, `unexpected result: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    },
  };
}
