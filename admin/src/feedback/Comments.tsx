import { TableCell, TableRow } from '@mui/material';
import { Link, useCreatePath, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/DateTimeField';
import { firmTime } from '../common/exporter';
import { ReportCard } from '../common/ReportCard';
import { useRpc } from '../providers/rpc';
import type { CommentRow } from './types';

const COLUMNS = ['voted_at', 'chat', 'rating', 'comment'] as const;

// Clients' comments from public.feedback_comments: the same anonymised rows for every role (who wrote a
// comment is in public.survey_votes, which only managers and admins can read).
export const Comments = ({ args = {} }: { args?: Record<string, unknown> }) => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const [locale] = useLocaleState();
    const { data, error } = useRpc<CommentRow[]>('feedback_comments', args, { live: true });
    const csv =
        data &&
        ((timeZone: string) =>
            data.map(row => [firmTime(row.voted_at, timeZone), row.chat_title ?? row.chat_id, row.rating, row.comment]));
    return (
        <ReportCard
            testId="feedback-comments"
            title={translate('buhbot.feedback.comments')}
            subheader={translate('buhbot.feedback.comments_hint')}
            header={COLUMNS.map(column => translate(`buhbot.feedback.column.${column}`))}
            csv={csv}
            error={error}
        >
            {data?.length === 0 && (
                <TableRow>
                    <TableCell colSpan={COLUMNS.length}>{translate('buhbot.feedback.no_comments')}</TableCell>
                </TableRow>
            )}
            {(data ?? []).map(row => (
                <TableRow key={`${row.delivery_id}-${row.voted_at}-${row.comment}`}>
                    <TableCell>{formatDateTime(row.voted_at, locale)}</TableCell>
                    <TableCell>
                        <Link to={createPath({ resource: 'chats', id: row.chat_id, type: 'show' })}>{row.chat_title ?? row.chat_id}</Link>
                    </TableCell>
                    <TableCell>{`${row.rating} ★`}</TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{row.comment}</TableCell>
                </TableRow>
            ))}
        </ReportCard>
    );
};
