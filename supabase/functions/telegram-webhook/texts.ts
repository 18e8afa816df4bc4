// Russian texts of the bot's direct replies (HTML parse mode). Every argument that came from a user —
// names, titles, file names — must already be escaped (escapeHtml / userName) by the caller.
import type { Role } from "./people.ts";

export const PARSE = { parse_mode: "HTML" } as const;

const CLIENT_HELP = [
  "ℹ️ <b>BuhBot</b> следит, чтобы ни один ваш вопрос не остался без ответа.",
  "",
  "✍️ Просто напишите вопрос в этот чат — бухгалтер ответит в рабочее время.",
  "📋 /menu — связаться с бухгалтером или заказать услугу",
].join("\n");

const STAFF_HELP: Record<"accountant" | "manager", string[]> = {
  accountant: [
    "📝 /template — готовые ответы (в группе клиента)",
    "📊 /mystats — ваша статистика (в личном чате)",
    "🔑 /newchat — код для подключения группы (в личном чате)",
    "🩺 /diagnose — проверка настройки группы",
  ],
  manager: [
    "🔑 /newchat — код для подключения группы (в личном чате)",
    "🩺 /diagnose — проверка настройки группы",
    "🚨 Уведомления о просрочках приходят сюда, в личный чат, с кнопками «Уведомить бухгалтера» и «Решено».",
  ],
};

export function helpText(role: Role): string {
  if (role === "client" || role === "observer") return CLIENT_HELP;
  const key = role === "accountant" ? "accountant" : "manager";
  return [
    "ℹ️ <b>BuhBot</b>: контроль скорости ответов клиентам.",
    "",
    ...STAFF_HELP[key],
    "🔗 В группе: <code>/connect КОД</code> — подключить чат к контролю",
  ].join("\n");
}

export function startText(role: Role, name: string | null): string {
  const hello = name ? `👋 Здравствуйте, ${name}!` : "👋 Здравствуйте!";
  return `${hello}\n\n${helpText(role)}`;
}

export const READ_ALL_OK = "✅ Я вижу все сообщения группы.";
export const READ_ALL_MISSING =
  "⚠️ Я не вижу все сообщения группы — часть вопросов клиентов может остаться незамеченной. " +
  "Сделайте меня администратором группы или отключите privacy mode у @BotFather (/setprivacy → Disable).";

export function welcomeText(slaEnabled: boolean, canReadAll: boolean): string {
  const connect = slaEnabled
    ? "✅ Контроль ответов в этом чате включён."
    : "🔗 Чтобы включить контроль ответов, сотрудник получает код командой /newchat в личном чате со мной и отправляет здесь <code>/connect КОД</code>.";
  return [
    "👋 Здравствуйте! Я BuhBot — слежу, чтобы вопросы клиентов не оставались без ответа.",
    connect,
    canReadAll ? READ_ALL_OK : READ_ALL_MISSING,
  ].join("\n\n");
}

export const STAFF_ONLY = "🔒 Эта команда доступна только сотрудникам бухгалтерии.";
export const GROUP_ONLY = "ℹ️ Эта команда работает в группе клиента.";
export const PRIVATE_ONLY = "ℹ️ Эта команда работает в личном чате со мной.";
export const NOT_CONNECTED =
  "ℹ️ Этот чат ещё не подключён к BuhBot. Сотрудник может подключить его командой <code>/connect КОД</code>.";
export const BUTTON_STALE = "⚠️ Эта кнопка устарела.";
export const TRY_LATER = "⚠️ Не получилось, попробуйте ещё раз чуть позже.";

/** "2,4 МБ", "512 КБ", "300 Б" */
export function fileSize(bytes: number | undefined): string {
  if (bytes === undefined) return "размер неизвестен";
  const units = ["Б", "КБ", "МБ", "ГБ"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) value /= 1024, unit++;
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(".", ",");
  return `${shown} ${units[unit]}`;
}
