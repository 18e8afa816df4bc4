// The database slice the shared modules need: a PostgREST RPC call whose result is validated with zod and
// that throws on error (the webhook's Db in telegram-webhook/db.ts has exactly this shape).
import type { z } from "zod";

export interface RpcDb {
  rpc<T>(fn: string, args: Record<string, unknown>, result: z.ZodType<T>): Promise<T>;
}
