// Russian texts several features send, and the /start and /help texts. Every text sent as a message is Html
// (see _shared/html.ts), so whatever came from a user is escaped where it is interpolated; the short refusals
// are plain strings because they also serve as button answers, which Telegram shows as plain text.
import { type Html, html, joinHtml } from "../_shared/html.ts";
import type { Role } from "./people.ts";

/** Where a command was sent: client groups are monitored, private chats are not. */
export type Place = "group" | "private";

const CLIENT_WRITE: Record<Place, string> = {
  group: "✍️ Просто напишите вопрос в этот чат — бухгалтер ответит в рабочее время.",
  private: "✍️ Задавайте вопросы в группе вашей компании с бухгалтерией — там бухгалтер ответит в рабочее время. " +
    "Этот личный чат бухгалтер не видит.",
};
const CLIENT_MENU: Record<Place, string> = {
  group: "📋 /menu — связаться с бухгалтером или заказать услугу",
  private: "📋 /menu в группе — связаться с бухгалтером или заказать услугу",
};

const STAFF_HELP: Record<"accountant" | "manager", string[]> = {
  accountant: [
    "📝 /template — готовые ответы (в группе клиента)",
    "📊 /mystats — ваша статистика (в личном чате)",
    "🔑 /newchat — код для подключения группы (в личном чате)",
    "🩺 /diagnose — проверка настройки группы",
    "⏰ Предупреждения о сроке ответа и о просрочках приходят в личный чат со мной, " +
    "с кнопкой «✅ Отметить решённым».",
  ],
  manager: [
    "🔑 /newchat — код для подключения группы (в личном чате)",
    "🩺 /diagnose — проверка настройки группы",
    "🚨 Уведомления о просрочках приходят в личный чат со мной, с кнопками «🔔 Напомнить бухгалтеру» " +
    "и «✅ Отметить решённым».",
  ],
};

export function helpText(role: Role, place: Place): Html {
  if (role === "client" || role === "observer") {
    return joinHtml([
      html`ℹ️ <b>BuhBot</b> следит, чтобы ни один ваш вопрос не остался без ответа.`,
      "",
      CLIENT_WRITE[place],
      CLIENT_MENU[place],
    ]);
  }
  return joinHtml([
    html`ℹ️ <b>BuhBot</b>: контроль скорости ответов клиентам.`,
    "",
    ...STAFF_HELP[role === "accountant" ? "accountant" : "manager"],
    html`🔗 В группе: <code>/connect КОД</code> — подключить чат к контролю`,
  ]);
}

export function startText(role: Role, name: string | null, place: Place): Html {
  const hello = name ? html`👋 Здравствуйте, ${name}!` : html`👋 Здравствуйте!`;
  return html`${hello}\n\n${helpText(role, place)}`;
}

export const READ_ALL_OK = "✅ Я вижу все сообщения группы.";
export const READ_ALL_MISSING =
  "⚠️ Я не вижу все сообщения группы — часть вопросов клиентов может остаться незамеченной. " +
  "Сделайте меня администратором группы или отключите privacy mode у @BotFather (/setprivacy → Disable).";

export function welcomeText(slaEnabled: boolean, canReadAll: boolean): Html {
  return joinHtml([
    "👋 Здравствуйте! Я BuhBot — слежу, чтобы вопросы клиентов не оставались без ответа.",
    slaEnabled
      ? "✅ Контроль ответов в этом чате включён."
      : html`🔗 Чтобы включить контроль ответов, сотрудник бухгалтерии получает код командой /newchat в личном чате со мной и отправляет сюда <code>/connect КОД</code>.`,
    canReadAll ? READ_ALL_OK : READ_ALL_MISSING,
  ], "\n\n");
}

export const STAFF_ONLY = "🔒 Эта команда доступна только сотрудникам бухгалтерии.";
export const GROUP_ONLY = "ℹ️ Эта команда работает в группе клиента.";
export const PRIVATE_ONLY = "ℹ️ Эта команда работает в личном чате со мной.";
export const NOT_CONNECTED =
  html`ℹ️ Этот чат ещё не подключён к BuhBot. Сотрудник может подключить его командой <code>/connect КОД</code>.`;
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
