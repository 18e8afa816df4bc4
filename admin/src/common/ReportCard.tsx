import type { ReactNode } from 'react';
import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { CsvButton } from './CsvButton';
import { RpcProblem } from './RpcProblem';
import { useIsPhone } from './phone';

// A report table in a card: its title, «Скачать CSV» of `csv` (every row, under the same `header`), the
// header row (`right(index)` right-aligns figure columns) and the body rows, or the problem that stopped it.
// On a phone `phone`, when given, replaces the table (rows as cards that wrap instead of a wide table).
export const ReportCard = ({ testId, title, subheader, header, right, csv, error, children, footer, phone }: {
    testId: string;
    title: string;
    subheader?: ReactNode;
    header: string[];
    right?: (index: number) => boolean;
    csv?: (timeZone: string) => unknown[][];
    error?: Error | null;
    children: ReactNode;
    footer?: ReactNode;
    phone?: ReactNode;
}) => {
    const isPhone = useIsPhone();
    return (
    <Card sx={{ overflowX: 'auto' }} data-testid={testId}>
        <CardHeader title={title} subheader={subheader} action={<CsvButton name={title} header={header} rows={csv} />} />
        {error ? (
            <RpcProblem error={error} />
        ) : isPhone && phone ? (
            phone
        ) : (
            <Table size="small">
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
