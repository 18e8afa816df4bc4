import { Card, CardContent, CardHeader, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { Link, RecordContextProvider, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { liveQueryOptions } from '../providers/live';
import { QUEUE_PATH } from '../queue/QueuePage';
import { SlaStateField, TimeLeftField } from '../queue/TimeLeftField';

const TOP = 5;

// The head of the queue, first on the dashboard: the few open requests with the least working time left.
export const QueuePreview = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { data, total } = useGetList(
        'requests',
        { filter: { status: 'open' }, sort: { field: 'working_seconds_left', order: 'ASC' }, pagination: { page: 1, perPage: TOP } },
        liveQueryOptions,
    );
    return (
        <Card data-testid="queue-preview">
            <CardHeader
                title={translate('buhbot.queue.urgent')}
                titleTypographyProps={{ variant: 'h6' }}
                action={<Link to={QUEUE_PATH}>{translate('buhbot.queue.open_all', { count: total ?? '…' })}</Link>}
            />
            <CardContent sx={{ pt: 0 }}>
                {data?.length === 0 && <Typography color="text.secondary">{translate('buhbot.queue.nobody_waits')}</Typography>}
                <List dense disablePadding>
                    {data?.map(request => (
                        <RecordContextProvider key={request.id} value={request}>
                            <ListItemButton component={RouterLink} to={createPath({ resource: 'requests', id: request.id, type: 'show' })}>
                                <ListItemText
                                    primary={request.question}
                                    secondary={[request.client_name, request.chat_title].filter(Boolean).join(' · ')}
                                    sx={{ minWidth: 0, mr: 1 }}
                                />
                                <TimeLeftField />
                                <SlaStateField />
                            </ListItemButton>
                        </RecordContextProvider>
                    ))}
                </List>
            </CardContent>
        </Card>
    );
};
