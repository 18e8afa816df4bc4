// The columns of public.settings grouped for people, with the ranges of their check constraints
// (20261122000200_settings.sql), so the form rejects what the database would.
type SettingKind = 'number' | 'boolean' | 'text' | 'ids' | 'id';

export type Setting = { source: string; kind: SettingKind; min?: number; max?: number; step?: number };

export const SETTING_SECTIONS: { section: string; settings: Setting[] }[] = [
    {
        section: 'sla',
        settings: [
            { source: 'default_threshold_minutes', kind: 'number', min: 1, max: 1440 },
            { source: 'warning_percent', kind: 'number', min: 0, max: 99 },
            { source: 'escalation_interval_minutes', kind: 'number', min: 1, max: 1440 },
            { source: 'escalation_max_count', kind: 'number', min: 0, max: 20 },
            { source: 'global_manager_telegram_ids', kind: 'ids' },
            { source: 'internal_team_chat_id', kind: 'id' },
        ],
    },
    {
        section: 'survey',
        settings: [
            { source: 'survey_enabled', kind: 'boolean' },
            { source: 'survey_reminder_day', kind: 'number', min: 1, max: 7 },
            { source: 'survey_expiry_days', kind: 'number', min: 1, max: 30 },
            { source: 'survey_cooldown_hours', kind: 'number', min: 0, max: 720 },
            { source: 'low_rating_threshold', kind: 'number', min: 1, max: 5 },
        ],
    },
    {
        section: 'faq',
        settings: [
            { source: 'faq_enabled', kind: 'boolean' },
            { source: 'faq_min_score', kind: 'number', min: 0.01, max: 1, step: 0.01 },
            { source: 'out_of_hours_ack', kind: 'boolean' },
        ],
    },
    {
        section: 'llm',
        settings: [
            { source: 'llm_enabled', kind: 'boolean' },
            { source: 'llm_model', kind: 'text' },
            { source: 'llm_timeout_ms', kind: 'number', min: 100, max: 10000 },
        ],
    },
    { section: 'data', settings: [{ source: 'retention_years', kind: 'number', min: 1, max: 10 }] },
];

// bigint[] of Telegram ids <-> "700002, 700005". Text that is not such a list stays as typed (never "NaN")
// and the validator names the problem next to the field.
const ID = /^[1-9]\d{0,15}$/;
export const formatIds = (ids: number[] | string | null | undefined) => (typeof ids === 'string' ? ids : (ids ?? []).join(', '));
export const parseIds = (text: string) => {
    const items = (text ?? '').split(/[\s,;]+/).filter(Boolean);
    return items.every(item => ID.test(item)) ? items.map(Number) : text;
};
export const validateIds = (ids: number[] | string) => (typeof ids === 'string' ? 'buhbot.hint.bad_ids' : undefined);

export const integer = (value: number | null) => (value != null && !Number.isInteger(value) ? 'buhbot.hint.integer' : undefined);

// A Telegram group's id is negative (supergroups: -100…); empty = no internal team chat.
export const validateChatId = (value: number | null) =>
    value != null && (!Number.isSafeInteger(value) || value >= 0) ? 'buhbot.hint.bad_chat_id' : undefined;
