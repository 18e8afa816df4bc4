// The staff API, for the console's Users page and only for active admins (the function holds the service
// key, so the caller is checked here: their JWT through Supabase Auth, then their staff row).
//   POST /staff                      {email, full_name, role, telegram_user_id?} → 201 {id, action_link, staff}
//   POST /staff/<id>/deactivate      staff.is_active = false and the login banned (sessions end) → 200 {staff}
//   POST /staff/<id>/reactivate      the reverse → 200 {staff}
//   POST /staff/<id>/reset-password  a new set-password link → 200 {action_link}
// Links are Supabase Auth's own (GET /auth/v1/verify → the console's set-password page); the console shows
// them to the admin to pass on, so onboarding works without a mail server. Refusals carry a Russian
// `error` for the person and change nothing.
import type { SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import type { Logger } from "../_shared/log.ts";

export type StaffDeps = { admin: SupabaseClient; log: Logger; consoleUrl?: string };

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, apikey, content-type, x-client-info",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
};

// GoTrue's longest ban: effectively "until reactivated".
const BANNED = "876000h";

const Invite = z.object({
  email: z.string({ required_error: "Укажите email." }).trim().toLowerCase()
    .email("Email указан с ошибкой."),
  full_name: z.string({ required_error: "Укажите имя." }).trim().min(1, "Укажите имя.")
    .max(200, "Имя длиннее 200 символов."),
  role: z.enum(["admin", "manager", "accountant", "observer"], {
    errorMap: () => ({ message: "Роль должна быть одной из: администратор, руководитель, бухгалтер, наблюдатель." }),
  }),
  telegram_user_id: z.number({ invalid_type_error: "Telegram ID — это число." }).int("Telegram ID — целое число.")
    .positive("Telegram ID — положительное число.").nullish(),
});

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { ...CORS, "Cache-Control": "no-store" } });

export function createStaffHandler({ admin, log, consoleUrl }: StaffDeps): (req: Request) => Promise<Response> {
  const redirectTo = consoleUrl ? `${consoleUrl.replace(/\/+$/, "")}/` : undefined;

  // The caller must be a logged-in, active admin. getUser asks Supabase Auth, so this works with the
  // legacy HS256 JWTs and the new asymmetric ones alike, and a logged-out session is refused.
  async function requireAdmin(req: Request): Promise<string> {
    const jwt = (req.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
    const { data, error } = jwt ? await admin.auth.getUser(jwt) : { data: { user: null }, error: null };
    if (error || !data.user) throw new Refusal(401, "Войдите в консоль заново.");
    const { data: me, error: dbError } = await admin.from("staff").select("role, is_active").eq("id", data.user.id)
      .maybeSingle();
    if (dbError) throw dbError;
    if (me?.role !== "admin" || !me.is_active) {
      throw new Refusal(403, "Приглашать сотрудников и управлять доступом может только администратор.");
    }
    return data.user.id;
  }

  async function staffRow(id: string) {
    const { data, error } = await admin.from("staff").select("*").eq("id", id).maybeSingle();
    if (error) throw error;
    if (!data) throw new Refusal(404, "Сотрудник не найден.");
    return data;
  }

  async function invite(body: unknown): Promise<Response> {
    const parsed = Invite.safeParse(body);
    if (!parsed.success) throw new Refusal(400, parsed.error.issues[0].message);
    const { email, full_name, role, telegram_user_id } = parsed.data;
    if (telegram_user_id) {
      const { data: holder } = await admin.from("staff").select("full_name").eq("telegram_user_id", telegram_user_id)
        .maybeSingle();
      if (holder) throw new Refusal(409, `Этот Telegram ID уже указан у сотрудника «${holder.full_name}».`);
    }
    const { data: link, error } = await admin.auth.admin.generateLink({
      type: "invite",
      email,
      options: { data: { full_name }, redirectTo },
    });
    if (error) {
      if (error.code === "email_exists" || error.status === 422) {
        throw new Refusal(409, "Сотрудник с таким email уже зарегистрирован.");
      }
      throw error;
    }
    const id = link.user.id;
    const { data: existing } = await admin.from("staff").select("id").eq("id", id).maybeSingle();
    if (existing) {
      throw new Refusal(409, "Этот сотрудник уже приглашён и ещё не задал пароль: выдайте ему новую ссылку.");
    }
    const { data: staff, error: insertError } = await admin.from("staff")
      .insert({ id, full_name, role, telegram_user_id: telegram_user_id ?? null }).select().single();
    if (insertError) {
      // The login without a staff row would be a dead account: remove it so a retry starts clean.
      await admin.auth.admin.deleteUser(id);
      if (insertError.code === "23505") throw new Refusal(409, "Этот Telegram ID уже указан у другого сотрудника.");
      throw insertError;
    }
    log.info("staff invited", { staff_id: id, role });
    return json(201, { id, action_link: link.properties.action_link, staff });
  }

  async function act(callerId: string, id: string, action: string): Promise<Response> {
    const staff = await staffRow(id);
    if (action === "reset-password") {
      const { data: user, error } = await admin.auth.admin.getUserById(id);
      if (error || !user.user?.email) throw error ?? new Refusal(404, "У сотрудника нет email для входа.");
      const { data: link, error: linkError } = await admin.auth.admin.generateLink({
        type: user.user.email_confirmed_at ? "recovery" : "invite",
        email: user.user.email,
        options: { redirectTo },
      });
      if (linkError) throw linkError;
      log.info("password link issued", { staff_id: id });
      return json(200, { action_link: link.properties.action_link });
    }
    const active = action === "reactivate";
    if (!active && id === callerId) throw new Refusal(409, "Нельзя отключить самого себя.");
    const { error: banError } = await admin.auth.admin.updateUserById(id, { ban_duration: active ? "none" : BANNED });
    if (banError) throw banError;
    const { data: updated, error } = await admin.from("staff").update({ is_active: active }).eq("id", staff.id)
      .select().single();
    if (error) throw error;
    log.info(active ? "staff reactivated" : "staff deactivated", { staff_id: id });
    return json(200, { staff: updated });
  }

  return async (req) => {
    if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
    const path = new URL(req.url).pathname.replace(/\/+$/, "");
    const route = /\/staff(?:\/([0-9a-f-]{36})\/(deactivate|reactivate|reset-password))?$/.exec(path);
    try {
      if (!route) throw new Refusal(404, "Нет такого действия.");
      if (req.method !== "POST") throw new Refusal(405, "Нужен POST.");
      const callerId = await requireAdmin(req);
      if (!route[1]) return await invite(await req.json().catch(() => null));
      return await act(callerId, route[1], route[2]);
    } catch (e) {
      if (e instanceof Refusal) return json(e.status, { error: e.message });
      log.error("staff request failed", { error: e });
      return json(500, { error: "Не получилось: сервер не ответил как ожидалось. Попробуйте ещё раз." });
    }
  };
}
