// Choices for enum columns, labelled through i18n keys buhbot.<group>.<value> (the database's check constraints
// are the source of the values).
const choices = (group: string, values: string[]) =>
    values.map(id => ({ id, name: `buhbot.${group}.${id}` }));

export const staffRoleChoices = choices('role', ['admin', 'manager', 'accountant', 'observer']);
export const chatRoleChoices = choices('chat_role', ['accountant', 'manager']);
export const chatTypeChoices = choices('chat_type', ['group', 'supergroup', 'private', 'channel']);
export const onOffChoices = choices('on_off', ['true', 'false']);
export const requestStatusChoices = choices('request_status', ['open', 'answered', 'resolved']);
export const alertKindChoices = choices('alert_kind', ['warning', 'breach']);
export const alertStatusChoices = choices('alert_status', ['open', 'resolved']);
export const alertResolutionChoices = choices('alert_resolution', ['answered', 'resolved']);
export const outboxStatusChoices = choices('outbox_status', ['pending', 'sending', 'sent', 'failed', 'cancelled']);
// Every kind of message the database writes to the outbox (supabase/migrations: each feature adds its own).
export const outboxKindChoices = choices('outbox_kind', [
    'warning', 'breach', 'escalation', 'alert_update', 'notify_accountant', 'dm_fallback', 'admin_notice', 'survey',
    'survey_reminder', 'survey_closed', 'survey_invite', 'low_rating', 'client_contact', 'service_request',
]);
export const outboxMethodChoices = choices('outbox_method', ['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'deleteMessage']);
export const auditActionChoices = choices('audit_action', ['INSERT', 'UPDATE', 'DELETE', 'ERASE']);
export const auditTableChoices = choices('audit_table', ['clients', 'settings', 'staff', 'chats', 'chat_staff', 'calendars', 'faq', 'templates']);
export const senderKindChoices = choices('sender_kind', ['client', 'accountant', 'manager', 'bot']);
export const directionChoices = choices('direction', ['in', 'out']);
export const surveyKindChoices = choices('survey_kind', ['quarterly', 'manual']);
export const surveyStatusChoices = choices('survey_status', ['active', 'closed']);
export const labelChoices = choices('label', ['REQUEST', 'SPAM', 'GRATITUDE', 'CLARIFICATION']);
