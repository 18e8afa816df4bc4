import { useRecordContext, useTranslate } from 'react-admin';

// How late the alert's request is (or was, once answered or closed), in whole working minutes.
export const LateField = (_props: { source?: string; label?: string; sortable?: boolean }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (record?.late_working_seconds == null) return null;
    const seconds = Number(record.late_working_seconds);
    const minutes = Math.floor(seconds / 60);
    const text =
        seconds === 0
            ? translate('buhbot.queue.on_time')
            : minutes === 0
              ? translate('buhbot.queue.less_than_minute')
              : translate('buhbot.queue.minutes', { minutes });
    return (
        <span data-testid="late-minutes" data-minutes={minutes}>
            {text}
        </span>
    );
};
