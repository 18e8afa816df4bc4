import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import { TelegramPerson } from '../common/TelegramPerson';

// Which record a change was about, by name: a chat by its title, a person by their name, a template or
// FAQ entry by its title. Deleted records are still named from the row the log kept.
export const AuditRecord = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    const row: Record<string, unknown> = record.new_row ?? record.old_row ?? {};
    const fallback = (row.title ?? row.question ?? row.full_name ?? row.display_name ?? record.row_key) as string;
    const byRef = (reference: string, source = 'row_key') => (
        <ReferenceField source={source} reference={reference} link="show" emptyText={fallback} />
    );
    switch (record.table_name) {
        case 'settings':
            return <>{translate('buhbot.audit.settings')}</>;
        case 'clients':
            return <>{translate('buhbot.audit.client', { id: record.row_key })}</>;
        case 'calendars':
            return record.row_key ? byRef('chats') : <>{translate('buhbot.audit.global_calendar')}</>;
        case 'chat_staff':
            return (
                <>
                    {byRef('chats')}
                    {`: ${row.display_name ?? row.telegram_user_id}`}
                </>
            );
        case 'chats':
        case 'staff':
        case 'templates':
        case 'faq':
            return byRef(record.table_name);
        default:
            return <>{fallback}</>;
    }
};

// Who made the change: a console user by name, a staff member acting in Telegram by name, else the bot.
export const AuditActor = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    if (record.actor_id) return <ReferenceField source="actor_id" reference="staff" link={false} />;
    const telegramId = /^telegram (\d+)$/.exec(record.actor_role ?? '')?.[1];
    return telegramId ? (
        <>
            <TelegramPerson id={telegramId} />
            {translate('buhbot.audit.via_telegram')}
        </>
    ) : (
        <>{translate('buhbot.audit.system')}</>
    );
};

// The database role behind a change (admins only), in words.
export const ActorRole = () => {
    const record = useRecordContext();
    const translate = useTranslate();
    const role: string = record?.actor_role ?? '';
    const telegramId = /^telegram (\d+)$/.exec(role)?.[1];
    if (telegramId) return <>{translate('buhbot.audit.db_role.telegram', { id: telegramId })}</>;
    return <>{translate(`buhbot.audit.db_role.${role}`, { _: translate('buhbot.audit.db_role.other') })}</>;
};
