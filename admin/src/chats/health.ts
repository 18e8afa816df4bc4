import { useRpc } from '../providers/rpc';

// One configuration check of public.chat_health, in display order. `ok` is true (fine), false (a problem) or
// null (not known yet, e.g. the bot has not reported back); `detail` says it in a sentence. The database decides
// every check so the console and the bot's /diagnose cannot disagree; the console only shows them.
export type HealthCheck = { key: string; ok: boolean | null; detail: string };

export const unmetChecks = (checks: HealthCheck[]) => checks.filter(check => check.ok !== true);

export const useChatHealth = (chatId: number) =>
    useRpc<HealthCheck[]>('chat_health', { p_chat_id: chatId }, { live: true });
