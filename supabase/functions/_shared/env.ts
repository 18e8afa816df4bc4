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
