// What the intake learned from storing a group message (public.ingest_message's answer), kept on the
// context for the features: who wrote it, the chat's state and what the SLA engine did with the message.
import { z } from "zod";
import type { Message } from "./update.ts";
import type { Plan } from "./classifier.ts";

export const StoredRow = z.object({
  claimed: z.literal(true),
  sender_kind: z.enum(["client", "accountant", "manager", "bot"]),
  sla_enabled: z.boolean(),
  monitoring_enabled: z.boolean(),
  survey_comment: z.boolean().optional(), // present (true) only when the message became a survey comment
  label_source: z.string().nullable(),
  action: z.string().nullable(),
  request_id: z.number().nullable(),
  breach_at: z.string().nullable(),
  timezone: z.string(),
  working_now: z.boolean(),
});

export type Stored = z.infer<typeof StoredRow> & { message: Message; plan: Plan };
