import { useRecordContext } from 'react-admin';
import { useRpc } from '../providers/rpc';
import type { Summary } from '../feedback/types';

// Counted votes of one survey in the caller's visible chats (public.feedback_summary; no identities).
export const VotesCount = () => {
    const record = useRecordContext();
    const { data, error } = useRpc<Summary>('feedback_summary', { p_survey_id: record?.id });
    if (!record) return null;
    return <>{error ? '—' : data?.votes ?? '…'}</>;
};
