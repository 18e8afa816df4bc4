import { TableCell, TableRow } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useRpc } from '../providers/rpc';
import { ReportCard } from './ReportCard';

// One row per group (chat, accountant, quarter) of a reporting RPC, in the order the RPC returns them: the
// group's `label` (a link to `link(row)` when given), then its `figures` right-aligned ("—" when there is
// none); `drill(row)`, when given, makes the first figure a link to the items behind it. A figure's column is
// titled by the translation `${labels}.${figure}`; `empty` names the line shown when there are no rows.
// «Скачать CSV» saves every row, also those past `limit`.
export const FigureTable = <F extends string, R extends Record<F, number | null>>({
    fn,
    args = {},
    live = false,
    limit,
    title,
    column,
    figures,
    labels,
    label,
    link,
    drill,
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
    label: (row: R) => string;
    link?: (row: R) => string | undefined;
    drill?: (row: R) => string;
    empty?: string;
    testId: string;
}) => {
    const translate = useTranslate();
    const { data, error } = useRpc<R[]>(fn, args, { live });
    const header = [translate(column), ...figures.map(figure => translate(`${labels}.${figure}`))];
    const csv = data && (() => data.map(row => [label(row), ...figures.map(figure => row[figure])]));
    const cell = (row: R, figure: F, index: number) => {
        const value = row[figure] ?? '—';
        return drill && index === 0 ? <Link to={drill(row)}>{value}</Link> : value;
    };
    return (
        <ReportCard testId={testId} title={translate(title)} header={header} right={index => index > 0} csv={csv} error={error}>
            {empty && data?.length === 0 && (
                <TableRow>
                    <TableCell colSpan={figures.length + 1}>{translate(empty)}</TableCell>
                </TableRow>
            )}
            {(data ?? []).slice(0, limit).map((row, index) => {
                const to = link?.(row);
                return (
                    <TableRow key={index}>
                        <TableCell>{to ? <Link to={to}>{label(row)}</Link> : label(row)}</TableCell>
                        {figures.map((figure, column) => (
                            <TableCell key={figure} align="right">
                                {cell(row, figure, column)}
                            </TableCell>
                        ))}
                    </TableRow>
                );
            })}
        </ReportCard>
    );
};
