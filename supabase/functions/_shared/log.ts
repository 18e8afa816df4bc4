// Structured JSON logs, one line per event, so a log search for an update_id finds everything that
// happened to that update. Errors are serialised with name, message and stack — never swallowed.
export type Fields = Record<string, unknown>;
export type Level = "debug" | "info" | "warn" | "error";
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

function serialiseError(error: unknown): Fields {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause === undefined ? {} : { cause: serialiseError(error.cause) };
  return { name: error.name, message: error.message, stack: error.stack, ...cause };
}

function encode(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? serialiseError(v) : v]));
}

export function createLogger(
  base: Fields = {},
  min: Level = "info",
  write: (line: string) => void = (line) => console.log(line),
): Logger {
  const emit = (level: Level) => (msg: string, fields: Fields = {}) => {
    if (RANK[level] < RANK[min]) return;
    write(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...base, ...encode(fields) }));
  };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    child: (fields) => createLogger({ ...base, ...fields }, min, write),
  };
}
