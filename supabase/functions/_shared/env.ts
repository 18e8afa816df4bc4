// Configuration from environment variables, read once at start and validated with zod, so a missing or
// malformed variable stops start-up with a message naming it instead of failing on first use. An empty
// value counts as unset: env files and compose files write `NAME=` to mean "use the default", so optional
// variables are plain `.optional()` / `.default()` schemas.
import { z } from "zod";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A base URL; a trailing slash is dropped so paths can be appended with "/". */
export const baseUrl = () => z.string().url("must be a URL").transform((v) => v.replace(/\/+$/, ""));

/** The log level both processes accept in LOG_LEVEL. */
export const LogLevel = z.enum(["debug", "info", "warn", "error"]).default("info");

// "NAME is required" reads better in a start-up error than zod's "Required".
const errorMap: z.ZodErrorMap = (issue, ctx) =>
  issue.code === "invalid_type" && issue.received === "undefined"
    ? { message: "is required" }
    : { message: ctx.defaultError };

/** Every problem is listed at once, one line per variable: "NAME what is wrong". */
export function readEnv<S extends z.ZodTypeAny>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(set, { errorMap });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".")} ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
}

/**
 * The service key under its one name, SUPABASE_SERVICE_ROLE_KEY, whichever way the platform gives it.
 * Supabase's new API keys (`sb_secret_…`) come to hosted Edge Functions as SUPABASE_SECRET_KEYS, a JSON
 * object of named keys ("default" is used), and to the relay as SUPABASE_SECRET_KEY; the legacy
 * service_role JWT as SUPABASE_SERVICE_ROLE_KEY. A new key wins: once legacy keys are disabled the old
 * variable may still be set but no longer works.
 */
export function withServiceKey(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const key = env.SUPABASE_SECRET_KEY || namedKey(env.SUPABASE_SECRET_KEYS);
  return key ? { ...env, SUPABASE_SERVICE_ROLE_KEY: key } : env;
}

function namedKey(json: string | undefined): string | undefined {
  if (!json) return undefined;
  try {
    const keys = JSON.parse(json) as Record<string, unknown>;
    const key = keys.default ?? Object.values(keys)[0];
    return typeof key === "string" ? key : undefined;
  } catch {
    throw new ConfigError("invalid configuration:\n  SUPABASE_SECRET_KEYS must be a JSON object of named keys");
  }
}
