// Accountants' reply templates: rendering and usage counting.
// A body is plain text with {{variables}} (spaces inside the braces allowed). render() returns Telegram
// HTML: the body and every value are HTML-escaped, so a client called "<b>Ко & Ко</b>" is shown as typed.
// {{date}} and {{time}} are the given instant in the chat's timezone (dd.mm.yyyy, HH:MM, ru-RU).
// Unknown variables are REJECTED, never shown: the database refuses to save a body with one
// (templates_known_variables), and render() throws UnknownTemplateVariableError should one slip through —
// a client must never see a raw "{{placeholder}}".
import { z } from "zod";
import { type Html, joinHtml } from "./html.ts";
import type { Db } from "./rpc.ts";
import { localDateTime } from "./time.ts";

const TEMPLATE_VARIABLES = ["client_name", "accountant_name", "chat_title", "date", "time"] as const;
type TemplateVariable = typeof TEMPLATE_VARIABLES[number];

/** The values the caller knows; {{date}} and {{time}} come from `now` and the timezone. */
export interface TemplateValues {
  client_name: string;
  accountant_name: string;
  chat_title: string;
}

export class UnknownTemplateVariableError extends Error {
  override name = "UnknownTemplateVariableError";
  constructor(readonly variables: string[]) {
    super(`unknown template variable(s): ${variables.map((v) => `{{${v}}}`).join(", ")}`);
  }
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const isKnown = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);

const variablesOf = (body: string) => [...body.matchAll(VARIABLE)].map((m) => m[1]);

/** Variables a body uses that render() does not know (empty for a valid body). */
export function unknownVariables(body: string): string[] {
  return [...new Set(variablesOf(body).filter((name) => !isKnown(name)))];
}

/** Whether the body addresses the client by name (then it needs to know which client). */
export const namesClient = (body: string): boolean => variablesOf(body).includes("client_name");

/** The body with its variables filled in, as Telegram HTML. Throws UnknownTemplateVariableError. */
export function render(body: string, values: TemplateValues, timeZone: string, now: Date): Html {
  const unknown = unknownVariables(body);
  if (unknown.length) throw new UnknownTemplateVariableError(unknown);
  const all: Record<TemplateVariable, string> = { ...values, ...localDateTime(now, timeZone) };
  const parts: string[] = [];
  let from = 0;
  for (const m of body.matchAll(VARIABLE)) {
    parts.push(body.slice(from, m.index), all[m[1] as TemplateVariable]);
    from = m.index + m[0].length;
  }
  return joinHtml([...parts, body.slice(from)], "");
}

export interface Template {
  id: number;
  category: string;
  /** Button text in the /template keyboard. */
  title: string;
  body: string;
}

const TemplateRows = z.array(z.object({
  id: z.number().int(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
}));

/** Active templates ordered by category, then title (service role). */
export const loadTemplates = (db: Db): Promise<Template[]> => db.rpc("templates_active", {}, TemplateRows);

/** Counts one use by an accountant; returns the new usage count (null if the template was deleted meanwhile). */
export const recordTemplateUse = (db: Db, templateId: number, now: Date): Promise<number | null> =>
  db.rpc("template_record_use", { p_template_id: templateId, p_now: now.toISOString() }, z.number().int().nullable());
