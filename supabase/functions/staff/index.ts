// Staff onboarding (Supabase Edge Function `staff`): admins invite people, deactivate and reactivate
// them, and issue password-reset links. Configuration is validated once, at start-up.
import { createClient } from "@supabase/supabase-js";
import { z } from "zod";
import { LogLevel, readEnv, withServiceKey } from "../_shared/env.ts";
import { createLogger } from "../_shared/log.ts";
import { createStaffHandler } from "./handler.ts";

const Env = z.object({
  SUPABASE_URL: z.string().url("must be a URL"),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, "looks too short for an API key"),
  // Where invitation and reset links land: the console (its set-password page). Must be the Auth Site URL
  // or one of its redirect URLs; unset = the Site URL.
  CONSOLE_URL: z.string().url("must be a URL").optional(),
  LOG_LEVEL: LogLevel,
});

const config = readEnv(Env, withServiceKey(Deno.env.toObject()));
const admin = createClient(config.SUPABASE_URL, config.SUPABASE_SERVICE_ROLE_KEY, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});
const log = createLogger({ fn: "staff" }, config.LOG_LEVEL);
Deno.serve(createStaffHandler({ admin, log, consoleUrl: config.CONSOLE_URL }));
