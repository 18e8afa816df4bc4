import type { ReactNode } from 'react';
import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useRpc } from '../providers/rpc';
import { RpcProblem } from './RpcProblem';
import { FigureCards } from './FigureCards';
import { useIsPhone } from './phone';

// One row per group (chat, accountant, quarter) of a reporting RPC, in the order the RPC returns them: the
// group's `name`, then its `figures` right-aligned ("—" when there is none). A figure's column is titled by
// the translation `${labels}.${figure}`; `empty` names the line shown when there are no rows.
export const FigureTable = <F extends string, R extends Record<F, number | null>>({
    fn,
    args = {},
    live = false,
    limit,
    title,
    column,
    figures,
    labels,
    name,
    empty,
    testId,
}: {
    fn: string;
    args?: Record<string, unknown>;
    live?: boolean;
    limit?: number;
    title: string;
    column: string;
    figures: readonly F[];
    labels: string;
    name: (row: R) => ReactNode;
    empty?: string;
    testId: string;
}) => {
    const translate = useTranslate();
    const { data, error } = useRpc<R[]>(fn, args, { live });
    const isPhone = useIsPhone();
    return (
        <Card sx={{ overflowX: 'auto' }} data-testid={testId}>
            <CardHeader title={translate(title)} />
            {error ? (
                <RpcProblem error={error} />
            ) : isPhone ? (
                <FigureCards rows={(data ?? []).slice(0, limit)} figures={figures} labels={labels} name={name} empty={empty} />
            ) : (
                <Table size="small">
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate(column)}</TableCell>
                            {figures.map(figure => (
                                <TableCell key={figure} align="right">
                                    {translate(`${labels}.${figure}`)}
                                </TableCell>
                            ))}
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {empty && data?.length === 0 && (
                            <TableRow>
                                <TableCell colSpan={figures.length + 1}>{translate(empty)}</TableCell>
                            </TableRow>
                        )}
                        {(data ?? []).slice(0, limit).map((row, index) => (
                            <TableRow key={index}>
                                <TableCell>{name(row)}</TableCell>
                                {figures.map(figure => (
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
