// What may leave for Sentry (a third party): the error's type, its stack, its message with personal data
// masked, and allow-listed extras. Client texts, names and Telegram ids never do. Our own messages are
// English, so any non-ASCII run is a client's words; a database error's row details and quoted values
// are client data too; long numbers are Telegram ids.
import type { ErrorEvent } from "@sentry/deno";

const EXTRA_KEYS = new Set(["update_id", "where"]);

export function scrubText(text: string): string {
  return text
    .replace(/\b(Failing row contains|Key \(|DETAIL:)[\s\S]*/g, "$1 …")
    .replace(/"[^"]*"|«[^»]*»|'[^']*'/g, '"…"')
    .replace(/\P{ASCII}+(?:[\s\d.,:;!?()-]*\P{ASCII}+)*/gu, "…")
    .replace(/-?\d{5,}/g, "<id>");
}

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  delete event.user;
  delete event.request;
  delete event.breadcrumbs;
  event.extra = Object.fromEntries(Object.entries(event.extra ?? {}).filter(([key]) => EXTRA_KEYS.has(key)));
  if (event.message) event.message = scrubText(event.message);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value);
  }
  return event;
}
