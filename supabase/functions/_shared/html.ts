// Telegram HTML parse mode: every user-supplied string goes through escapeHtml before it is put into a
// message, so a client named "<b>Ivan</b>" or a file called "a&b.pdf" can never break or forge markup.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]);
}

/** Telegram rejects messages over 4096 characters; cut user text well before that, on a character boundary. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** Display name of a Telegram user, escaped: "Имя Фамилия" or "@username" or the fallback. */
export function userName(user: { first_name?: string; last_name?: string; username?: string } | undefined): string {
  const full = [user?.first_name, user?.last_name].filter(Boolean).join(" ").trim();
  return escapeHtml(clip(full || (user?.username ? `@${user.username}` : "клиент"), 64));
}
