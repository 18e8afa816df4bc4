// What a person gets in each list's CSV: the columns they need, in reading order, as human values. A
// column's header is the field's Russian name (resources.<resource>.fields.<source>) unless `header` names
// another translation key. Kinds: time — the firm's local time; chat — the chat's title; person — the
// Telegram user's name; yes_no; minutes — working seconds as whole working minutes; choices — the
// translation buhbot.<choices>.<value> of an enum.
export type ExportColumn = {
    source: string;
    kind?: 'time' | 'chat' | 'person' | 'yes_no' | 'minutes';
    choices?: string;
    header?: string;
};

export const exportColumns: Record<string, ExportColumn[]> = {
    chats: [
        { source: 'title' },
        { source: 'id' },
        { source: 'chat_type', choices: 'chat_type' },
        { source: 'sla_enabled', kind: 'yes_no' },
        { source: 'threshold_minutes' },
        { source: 'last_message_at', kind: 'time' },
    ],
    requests: [
        { source: 'id' },
        { source: 'chat_id', kind: 'chat' },
        { source: 'status', choices: 'request_status' },
        { source: 'received_at', kind: 'time' },
        { source: 'breach_at', kind: 'time' },
        { source: 'answered_at', kind: 'time' },
        { source: 'answered_by_telegram_id', kind: 'person', header: 'buhbot.export.answered_by' },
        { source: 'response_working_seconds', kind: 'minutes' },
        { source: 'breached', kind: 'yes_no' },
        { source: 'resolved_by' },
        { source: 'message_count' },
    ],
    alerts: [
        { source: 'created_at', kind: 'time' },
        { source: 'chat_id', kind: 'chat' },
        { source: 'request_id' },
        { source: 'kind', choices: 'alert_kind' },
        { source: 'status', choices: 'alert_status' },
        { source: 'escalation_count' },
        { source: 'resolution', choices: 'alert_resolution' },
        { source: 'resolved_by' },
        { source: 'resolved_at', kind: 'time' },
    ],
    messages: [
        { source: 'sent_at', kind: 'time' },
        { source: 'chat_id', kind: 'chat' },
        { source: 'sender_name' },
        { source: 'sender_kind', choices: 'sender_kind' },
        { source: 'direction', choices: 'direction' },
        { source: 'text' },
        { source: 'label', choices: 'label' },
        { source: 'request_id' },
    ],
    chat_staff: [
        { source: 'chat_id', kind: 'chat' },
        { source: 'display_name' },
        { source: 'telegram_user_id' },
        { source: 'role', choices: 'chat_role' },
        { source: 'is_primary', kind: 'yes_no' },
    ],
    surveys: [
        { source: 'id' },
        { source: 'title' },
        { source: 'kind', choices: 'survey_kind' },
        { source: 'status', choices: 'survey_status' },
        { source: 'quarter' },
        { source: 'started_at', kind: 'time' },
        { source: 'expires_at', kind: 'time' },
    ],
    survey_votes: [
        { source: 'voted_at', kind: 'time' },
        { source: 'chat_id', kind: 'chat' },
        { source: 'voter_name' },
        { source: 'rating' },
        { source: 'comment' },
    ],
    faq: [
        { source: 'question' },
        { source: 'answer' },
        { source: 'keywords' },
        { source: 'is_active', kind: 'yes_no' },
        { source: 'usage_count' },
        { source: 'last_used_at', kind: 'time' },
    ],
    templates: [
        { source: 'category' },
        { source: 'title' },
        { source: 'body' },
        { source: 'is_active', kind: 'yes_no' },
        { source: 'usage_count' },
        { source: 'last_used_at', kind: 'time' },
    ],
    staff: [
        { source: 'full_name' },
        { source: 'role', choices: 'role' },
        { source: 'telegram_user_id' },
        { source: 'telegram_username' },
        { source: 'is_active', kind: 'yes_no' },
    ],
    audit_log: [
        { source: 'at', kind: 'time' },
        { source: 'table_name', choices: 'audit_table' },
        { source: 'row_key' },
        { source: 'action', choices: 'audit_action' },
        { source: 'actor_id' },
        { source: 'old_row' },
        { source: 'new_row' },
    ],
    outbox: [
        { source: 'id' },
        { source: 'created_at', kind: 'time' },
        { source: 'kind', choices: 'outbox_kind' },
        { source: 'chat_id' },
        { source: 'status', choices: 'outbox_status' },
        { source: 'attempts' },
        { source: 'sent_at', kind: 'time' },
        { source: 'last_error' },
    ],
};
