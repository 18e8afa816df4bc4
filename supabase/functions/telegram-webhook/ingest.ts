// Storing a group message: claimed, moved if it announces a group → supergroup migration, stored and (for
// clients) labelled in ONE database round trip (public.ingest_message). The rules' verdict goes with every
// message that has text; the database decides what it means (an edit or a command opens nothing).
import { z } from "zod";
import type { Update } from "grammy/types";
import type { Deps } from "./context.ts";
import type { Message } from "./update.ts";
import { classifiableText, toRecord } from "./message.ts";
import { type Stored, StoredRow } from "./stored.ts";

const IngestResult = z.union([z.object({ claimed: z.literal(false) }), StoredRow]);

export type GroupMessage = { message: Message; edited: boolean };

/** The group message (new or edited) this update carries, if any. */
export function groupMessageOf(update: Update): GroupMessage | null {
  const message = (update.message ?? update.edited_message) as Message | undefined;
  if (message?.chat.type !== "group" && message?.chat.type !== "supergroup") return null;
  return { message, edited: update.message === undefined };
}

/** Old and new chat id when this service message announces a group → supergroup migration. */
function migrationOf(m: Message): { old: number; new: number } | null {
  if (m.migrate_to_chat_id) return { old: m.chat.id, new: m.migrate_to_chat_id };
  if (m.migrate_from_chat_id) return { old: m.migrate_from_chat_id, new: m.chat.id };
  return null;
}

/** What was stored, or null when this update was claimed before (a redelivery). */
export async function ingestGroupMessage(
  deps: Pick<Deps, "db" | "classifier">,
  updateId: number,
  { message, edited }: GroupMessage,
): Promise<Stored | null> {
  const plan = await deps.classifier.plan(classifiableText(message));
  const migration = migrationOf(message);
  const result = await deps.db.rpc("ingest_message", {
    p_update_id: updateId,
    p_update_type: edited ? "edited_message" : "message",
    p_message: toRecord(message),
    p_label: plan.kind === "now" ? plan.label : null,
    p_label_source: plan.kind === "now" ? plan.source : null,
    p_migrate_from: migration?.old ?? null,
    p_migrate_to: migration?.new ?? null,
  }, IngestResult);
  return result.claimed ? { ...result, message, plan } : null;
}
