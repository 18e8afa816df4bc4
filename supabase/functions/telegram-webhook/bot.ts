// createBot(deps): the whole bot, assembled once per isolate. Every API call goes through the HTML parse
// mode and the record of outgoing group messages. Order: dependencies and a logger bound to the update →
// the intake (claim + store, before any gating) → the features inside an error boundary (a failing
// feature is logged, reported and recorded, never a 5xx) → `unhandled` last.
// grammY's web build ("grammy/web") runs on the platform's fetch; its Node build (what plain "npm:grammy"
// resolves to in Deno) goes through node-fetch, whose requests hang under Deno here.
import { Bot, type BotError } from "grammy/web";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, Deps } from "./context.ts";
import { intake } from "./lifecycle.ts";
import { htmlParseMode, recordOutgoing } from "./outgoing.ts";
import { alerts } from "./features/alerts.ts";
import { chats } from "./features/chats.ts";
import { diagnose } from "./features/diagnose.ts";
import { help } from "./features/help.ts";
import { invitations } from "./features/invitations.ts";
import { menu } from "./features/menu.ts";
import { messages } from "./features/messages.ts";
import { stats } from "./features/stats.ts";
import { surveys } from "./features/surveys.ts";
import { templates } from "./features/templates.ts";
import { unhandled } from "./features/unhandled.ts";

function onFeatureError(err: BotError<BotContext>): void {
  const ctx = err.ctx;
  ctx.failure = err.error;
  ctx.log.error("feature failed", { error: err.error });
  ctx.deps.report(err.error, { update_id: ctx.update.update_id });
}

export function createBot(deps: Deps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.config.TELEGRAM_BOT_TOKEN, {
    // With the identity configured, bot.init() makes no getMe call.
    botInfo: deps.config.TELEGRAM_BOT_INFO as UserFromGetMe | undefined,
    client: {
      apiRoot: deps.config.TELEGRAM_API_ROOT,
      // A bound on every call, so a slow Bot API cannot hold the webhook answer for long.
      timeoutSeconds: 10,
    },
  });
  bot.api.config.use(htmlParseMode, recordOutgoing(deps));
  bot.use((ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.log.child({ update_id: ctx.update.update_id });
    return next();
  });
  bot.use(intake);
  bot.errorBoundary(
    onFeatureError,
    chats,
    alerts,
    surveys,
    menu,
    templates,
    invitations,
    diagnose,
    stats,
    help,
    messages,
    unhandled,
  );
  return bot;
}
