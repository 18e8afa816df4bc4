import type { ReactNode } from 'react';
import { Box, Divider, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

// FigureTable on a phone: each group's name, then its figures as "label value" pairs that wrap.
export const FigureCards = <F extends string, R extends Record<F, number | null>>({ rows, figures, labels, name, empty }: {
    rows: R[];
    figures: readonly F[];
    labels: string;
    name: (row: R) => ReactNode;
    empty?: string;
}) => {
    const translate = useTranslate();
    if (empty && rows.length === 0) return <Typography variant="body2" sx={{ px: 2, pb: 2 }}>{translate(empty)}</Typography>;
    return (
        <Stack divider={<Divider />}>
            {rows.map((row, index) => (
                <Box key={index} sx={{ px: 2, py: 1, overflowWrap: 'anywhere' }}>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                        {name(row)}
                    </Typography>
                    <Stack direction="row" flexWrap="wrap" columnGap={2}>
                        {figures.map(figure => (
                            <Typography key={figure} variant="body2" color="text.secondary">
                                {translate(`${labels}.${figure}`)}: <b>{row[figure] ?? '—'}</b>
                            </Typography>
                        ))}
                    </Stack>
                </Box>
            ))}
        </Stack>
    );
};
