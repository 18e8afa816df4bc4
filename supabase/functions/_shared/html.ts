// Telegram HTML (parse mode "HTML") built so that nothing can forget to escape: every text the bot sends is
// an `html` template, which escapes each interpolated string or number. Markup is only ever written in the
// template itself, or embedded explicitly as an Html value — a client named "<b>Ivan</b>" or a file called
// "a&b.pdf" can never break or forge markup.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]);
}

/**
 * Markup that is safe to send as is: made by `html` or `joinHtml`. `new Html(markup)` is the explicit way to
 * embed markup made safe elsewhere.
 */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlPart = Html | string | number;

const render = (part: HtmlPart): string => part instanceof Html ? part.markup : escapeHtml(String(part));

/** html`👤 ${name}` — strings and numbers are escaped, Html values are embedded as they are. */
export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]) : ""), ""));
}

/** Lines (or any parts) joined into one text; plain strings among them are escaped. */
export function joinHtml(parts: HtmlPart[], separator = "\n"): Html {
  return new Html(parts.map(render).join(separator));
}

/** Telegram rejects messages over 4096 characters; cut user text well before that, on a character boundary. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** Display name of a Telegram user (plain text): "Имя Фамилия" or "@username" or the fallback. */
export function userName(user: { first_name?: string; last_name?: string; username?: string } | undefined): string {
  const full = [user?.first_name, user?.last_name].filter(Boolean).join(" ").trim();
  return clip(full || (user?.username ? `@${user.username}` : "клиент"), 64);
}
