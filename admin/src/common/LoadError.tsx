import { Alert, Button } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';

// Failed is not empty: a page or widget whose data could not be loaded says so in Russian and offers to
// try again, instead of looking like "nothing to do". Retrying refetches every query that failed, so one
// button brings back a whole page after the connection returns.
export const LoadError = ({ error }: { error?: Error | null }) => {
    const translate = useTranslate();
    const queryClient = useQueryClient();
    const failed = () => queryClient.getQueryCache().findAll({ predicate: q => q.state.status === 'error' });
    const reason = error?.message ?? (failed()[0]?.state.error as Error | undefined)?.message;
    const retry = () => queryClient.refetchQueries({ predicate: q => q.state.status === 'error' });
    return (
        <Alert
            severity="error"
            data-testid="load-error"
            sx={{ m: 1 }}
            action={<Button color="inherit" size="small" onClick={retry}>{translate('buhbot.state.retry')}</Button>}
        >
            {translate('buhbot.state.failed')}
            {reason ? ` ${reason}` : ''}
        </Alert>
    );
};
