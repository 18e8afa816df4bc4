import type { ReactNode } from 'react';
import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RpcProblem } from '../common/RpcProblem';
import { useRpc } from '../providers/rpc';
import { FIGURES, type Figures } from './types';

// Votes, average and NPS per group (quarter, accountant) from one feedback RPC; `name` labels a row.
export const FigureTable = <R extends Figures>({ fn, args = {}, title, column, name, testId }: {
    fn: string;
    args?: Record<string, unknown>;
    title: string;
    column: string;
    name: (row: R) => ReactNode;
    testId: string;
}) => {
    const translate = useTranslate();
    const { data, error } = useRpc<R[]>(fn, args, { live: true });
    return (
        <Card sx={{ overflowX: 'auto' }} data-testid={testId}>
            <CardHeader title={translate(title)} />
            {error ? (
                <RpcProblem error={error} />
            ) : (
                <Table size="small">
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate(column)}</TableCell>
                            {FIGURES.map(figure => (
                                <TableCell key={figure} align="right">
                                    {translate(`buhbot.feedback.${figure}`)}
                                </TableCell>
                            ))}
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {data?.length === 0 && (
                            <TableRow>
                                <TableCell colSpan={4}>{translate('buhbot.feedback.no_votes')}</TableCell>
                            </TableRow>
                        )}
                        {(data ?? []).map((row, index) => (
                            <TableRow key={index}>
                                <TableCell>{name(row)}</TableCell>
                                {FIGURES.map(figure => (
                                    <TableCell key={figure} align="right">
                                        {row[figure] ?? '—'}
                                    </TableCell>
                                ))}
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            )}
        </Card>
    );
};
