// The first admin of a firm: `npm run admin:create -- admin@firm.ru [--name "Анна Иванова"]`.
// Creates the login through the Supabase Auth Admin API (an invitation, so no password travels) and the
// staff row, then prints the link where the person sets a password. Works against the local stack and a
// real project alike: it needs SUPABASE_URL and the service key (SUPABASE_SECRET_KEY or
// SUPABASE_SERVICE_ROLE_KEY); CONSOLE_URL, when set, is where the link lands. Running it again for a
// person who has not set a password yet prints a fresh link.
import { parseArgs } from "node:util";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import { z } from "zod";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
const Args = z.object({
  email: z.string().trim().toLowerCase().email("give the admin's email: npm run admin:create -- admin@firm.ru"),
  full_name: z.string().trim().min(1).max(200),
});
const url = process.env.SUPABASE_URL;
const key = process.env.SUPABASE_SECRET_KEY || process.env.SUPABASE_SERVICE_ROLE_KEY;
const args = Args.safeParse({ email: positionals[0] ?? "", full_name: values.name ?? positionals[0]?.split("@")[0] });

const fail = (message) => {
  console.error(`admin:create: ${message}`);
  process.exit(1);
};
if (!args.success) fail(args.error.issues[0].message);
if (!url || !key) fail("set SUPABASE_URL and SUPABASE_SECRET_KEY (or SUPABASE_SERVICE_ROLE_KEY) of the project");

const { email, full_name } = args.data;
// ws: Node 20 has no native WebSocket, which supabase-js's (unused) realtime client insists on.
const supabase = createClient(url, key, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: ws },
});
const consoleUrl = process.env.CONSOLE_URL?.replace(/\/+$/, "");
const { data: link, error } = await supabase.auth.admin.generateLink({
  type: "invite",
  email,
  options: { data: { full_name }, redirectTo: consoleUrl ? `${consoleUrl}/` : undefined },
});
if (error) {
  fail(
    error.code === "email_exists" ? `${email} already has a login; reset its password in the console` : error.message,
  );
}

const { error: staffError } = await supabase.from("staff")
  .upsert({ id: link.user.id, full_name, role: "admin", is_active: true }, { onConflict: "id" });
if (staffError) {
  await supabase.auth.admin.deleteUser(link.user.id);
  fail(`could not create the staff row: ${staffError.message}`);
}
console.log(`Администратор ${email} создан. Ссылка для установки пароля (действует 24 часа):`);
console.log(link.properties.action_link);
