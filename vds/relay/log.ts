// One JSON line per event on stdout: docker logs and journald keep it, and jq can read it.
export type Log = (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;

export const log: Log = (level, msg, fields = {}) => {
  const line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...fields });
  (level === "info" ? console.log : console.error)(line);
};

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
