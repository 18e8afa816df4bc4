import type { ReactNode } from 'react';
import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { CsvButton, type CsvRows } from './CsvButton';
import { RpcProblem } from './RpcProblem';
import { useIsPhone } from './phone';

// On a phone a report table's rows stack their cells, each after its column's title (no wide table).
const stacked = (header: string[]) => ({
    '& thead': { display: 'none' },
    '& tr': { display: 'block', py: 1, borderBottom: 1, borderColor: 'divider' },
    '& td': { display: 'block', border: 'none', py: 0.25, textAlign: 'left', overflowWrap: 'anywhere' },
    ...Object.fromEntries(
        header.map((text, index) => [
            `& td:not([colspan]):nth-of-type(${index + 1})::before`,
            { content: JSON.stringify(`${text}: `), color: 'text.secondary' },
        ])
    ),
});
// A report table in a card: its title, «Скачать CSV» of `csv` (every row, under the same `header`), the
// header row (`right(index)` right-aligns figure columns) and the body rows, or the problem that stopped it.
export const ReportCard = ({ testId, title, subheader, header, right, csv, error, children, footer }: {
    testId: string;
    title: string;
    subheader?: ReactNode;
    header: string[];
    right?: (index: number) => boolean;
    csv?: CsvRows;
    error?: Error | null;
    children: ReactNode;
    footer?: ReactNode;
}) => {
    const isPhone = useIsPhone();
    return (
        <Card sx={{ overflowX: 'auto' }} data-testid={testId}>
            <CardHeader title={title} subheader={subheader} action={<CsvButton name={title} header={header} rows={csv} />} />
            {error ? (
                <RpcProblem error={error} />
            ) : (
                <Table size="small" sx={isPhone ? stacked(header) : undefined}>
                    <TableHead>
                        <TableRow>
                            {header.map((text, index) => (
                                <TableCell key={text} align={right?.(index) ? 'right' : undefined}>
                                    {text}
                                </TableCell>
                            ))}
                        </TableRow>
                    </TableHead>
                    <TableBody>{children}</TableBody>
                </Table>
            )}
            {footer}
        </Card>
    );
};
