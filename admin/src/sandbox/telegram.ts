import { useEffect, useState } from 'react';

// The sandbox's Telegram is the local fake Bot API (tests/fakes/telegram.mjs). The stack bakes its URL in
// at build time only when the bot really talks to it; otherwise the page explains why it is off.
export const SANDBOX_TELEGRAM_URL: string = import.meta.env.VITE_SANDBOX_TELEGRAM_URL ?? '';

// The demo chat npm start adds (supabase/local/sandbox.sql): 2-minute threshold, 24/7.
export const DEMO_CHAT = { id: -1001000000099, title: 'Песочница: ООО «Демо»' };

export type Person = { id: number; first_name: string; last_name?: string };
export type Button = { text: string; callback_data?: string; url?: string };
export type Message = {
    message_id: number;
    date: number;
    chat: { id: number; title?: string };
    from?: Person & { is_bot?: boolean };
    text?: string;
    caption?: string;
    parse_mode?: string | null;
    document?: { file_name?: string };
    sticker?: { emoji?: string };
    reply_markup?: { inline_keyboard?: Button[][] } | null;
    edit_date?: number;
    deleted?: boolean;
};
type Event =
    | { type: 'snapshot'; messages: Message[] }
    | { type: 'message'; message: Message }
    | { type: 'notice'; text: string };

const keyOf = (m: Message) => `${m.chat.id}:${m.message_id}`;

/** Every chat's messages as the fake shows them, kept current over server-sent events. */
export function useSandboxChats() {
    const [messages, setMessages] = useState<Map<string, Message>>(new Map());
    const [notice, setNotice] = useState<string | null>(null);
    const [connected, setConnected] = useState(false);
    useEffect(() => {
        if (!SANDBOX_TELEGRAM_URL) return;
        const source = new EventSource(`${SANDBOX_TELEGRAM_URL}/_sandbox/events`);
        source.onopen = () => setConnected(true);
        source.onerror = () => setConnected(false);
        source.onmessage = e => {
            const event = JSON.parse(e.data) as Event;
            if (event.type === 'notice') return setNotice(event.text);
            setMessages(before => {
                const next = new Map(event.type === 'snapshot' ? [] : before);
                for (const m of event.type === 'snapshot' ? event.messages : [event.message]) next.set(keyOf(m), m);
                return next;
            });
        };
        return () => source.close();
    }, []);
    const inChat = (chatId: number) =>
        [...messages.values()].filter(m => m.chat.id === chatId && !m.deleted).sort((a, b) => a.message_id - b.message_id);
    return { inChat, notice, clearNotice: () => setNotice(null), connected };
}

export type Action =
    | { kind: 'text'; text: string }
    | { kind: 'document'; file_name: string; caption?: string }
    | { kind: 'sticker'; emoji: string };

/** What a person does in the sandbox becomes an Update the bridge hands to the webhook. */
export async function act(body: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${SANDBOX_TELEGRAM_URL}/_sandbox/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
    });
    const answer = await res.json();
    if (!answer.ok) throw new Error(answer.description);
}

export const say = (from: Person, action: Action) => act({ ...action, chat: DEMO_CHAT, from });
export const press = (from: Person, m: Message, data: string) =>
    act({ kind: 'callback', from, chat_id: m.chat.id, message_id: m.message_id, data });
