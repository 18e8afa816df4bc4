import { Children, createElement, isValidElement, type ReactNode } from 'react';
import { Box, Card, CardActionArea, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import {
    DataTable,
    FieldTitle,
    RecordContextProvider,
    TextField,
    useCreatePath,
    useListContext,
    useTranslate,
    type DataTableProps,
    type RaRecord,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useIsPhone } from './phone';

type Column = { source?: string; label?: ReactNode; field?: React.ElementType; render?: (record: RaRecord) => ReactNode; children?: ReactNode };

// A column's value as its cell would show it: its children, its render function, its field or the plain text.
const cell = ({ source, field, render, children }: Column, record: RaRecord) =>
    children ?? (render ? render(record) : field ? createElement(field, { source }) : source ? <TextField source={source} /> : null);

// One record as a card: every column of the table as "label  value", wrapping long text.
const RecordCard = ({ columns, record, to }: { columns: Column[]; record: RaRecord; to?: string }) => {
    const { resource } = useListContext();
    const content = (
        <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(88px, 38%) 1fr', columnGap: 1.5, rowGap: 0.5, '&:last-child': { pb: 2 } }}>
            {columns.map((column, i) => (
                <Box key={i} sx={{ display: 'contents' }}>
                    <Typography variant="caption" color="text.secondary" sx={{ pt: 0.25 }}>
                        {(column.label || column.source) && <FieldTitle label={column.label as string} source={column.source} resource={resource} />}
                    </Typography>
                    <Box sx={{ minWidth: 0, overflowWrap: 'anywhere', typography: 'body2' }}>{cell(column, record)}</Box>
                </Box>
            ))}
        </CardContent>
    );
    return (
        <RecordContextProvider value={record}>
            <Card variant="outlined" data-testid="record-card">
                {to ? (
                    <CardActionArea component={Link} to={to}>
                        {content}
                    </CardActionArea>
                ) : (
                    content
                )}
            </Card>
        </RecordContextProvider>
    );
};

// A list's DataTable that on a phone becomes one card per record with the same columns (react-admin's
// SimpleList idea without writing each list twice); on wider screens it is the table as it was.
export const ResponsiveDataTable = (props: DataTableProps) => {
    const isPhone = useIsPhone();
    return isPhone ? <RecordCards {...props} /> : <DataTable {...props} />;
};

const RecordCards = ({ children, rowClick }: DataTableProps) => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { data, isPending, resource } = useListContext();
    if (isPending) return <LinearProgress />;
    if (!data?.length) {
        return (
            <Typography variant="body2" sx={{ p: 2 }} data-testid="no-records">
                {translate('ra.navigation.no_results')}
            </Typography>
        );
    }
    const columns = Children.toArray(children)
        .filter(isValidElement)
        .map(column => column.props as Column);
    const target = (record: RaRecord) =>
        rowClick === 'show' || rowClick === 'edit' ? createPath({ resource, id: record.id, type: rowClick }) : undefined;
    return (
        <Stack spacing={1} sx={{ p: 1 }}>
            {data.map(record => (
                <RecordCard key={record.id} columns={columns} record={record} to={target(record)} />
            ))}
        </Stack>
    );
};
