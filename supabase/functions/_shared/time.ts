// Instants shown to people are always rendered in the chat's own timezone (from its working calendar, which the
// database validates; the firm's timezone is the database's fact, so no zone is assumed here).

function parts(at: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat("ru-RU", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
}

/** { date: "21.11.2026", time: "14:05" } in the given IANA zone (a zone the runtime does not know shows UTC). */
export function localDateTime(at: Date, timeZone: string): { date: string; time: string } {
  let p: Record<string, string>;
  try {
    p = parts(at, timeZone);
  } catch {
    p = parts(at, "UTC");
  }
  return { date: `${p.day}.${p.month}.${p.year}`, time: `${p.hour}:${p.minute}` };
}

/** "21.11.2026 14:05" */
export function formatLocal(at: Date, timeZone: string): string {
  const { date, time } = localDateTime(at, timeZone);
  return `${date} ${time}`;
}
