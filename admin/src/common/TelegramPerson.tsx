import { useGetList, useTranslate } from 'react-admin';

// A Telegram user id as a person: the staff member's name when BuhBot knows them, else the id.
export const TelegramPerson = ({ id }: { id: number | string }) => {
    const translate = useTranslate();
    const { data } = useGetList('staff', { filter: { telegram_user_id: id }, pagination: { page: 1, perPage: 1 } });
    return <>{data?.[0]?.full_name ?? translate('buhbot.person.telegram_id', { id })}</>;
};
