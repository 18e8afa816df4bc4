import { useRpc } from '../providers/rpc';

// The document of public.chat_health(p_chat_id): one source of truth for the console and /diagnose.
export type ChatHealth = {
    sla_enabled: boolean;
    monitoring_enabled: boolean;
    bot_can_read_all: boolean | null;
    last_message_at: string | null;
    accountants: { telegram_user_id: number; name: string | null; is_primary: boolean }[];
    managers: number;
    global_managers: number;
};

// Each check is true (fine), false (a problem) or null (not yet known, e.g. the bot has not reported back).
export const HEALTH_CHECKS: { key: string; ok: (h: ChatHealth) => boolean | null }[] = [
    { key: 'sla_enabled', ok: h => h.sla_enabled },
    { key: 'monitoring', ok: h => h.monitoring_enabled },
    { key: 'accountant', ok: h => h.accountants.length > 0 },
    { key: 'recipients', ok: h => h.managers + h.global_managers > 0 },
    { key: 'bot_can_read', ok: h => h.bot_can_read_all },
    { key: 'last_message', ok: h => h.last_message_at !== null },
];

export const unmetChecks = (health: ChatHealth) => HEALTH_CHECKS.filter(check => check.ok(health) !== true);

export const useChatHealth = (chatId: number) =>
    useRpc<ChatHealth | null>('chat_health', { p_chat_id: chatId }, { live: true });
