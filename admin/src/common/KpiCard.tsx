import type { ReactNode } from 'react';
import { Card, CardContent, Typography } from '@mui/material';

// One number with its name and a line of context; `tone` colours numbers that need attention.
export const KpiCard = ({ title, value, hint, tone, testId }: {
    title: string;
    value: ReactNode;
    hint?: ReactNode;
    tone?: 'error' | 'success';
    testId?: string;
}) => (
    <Card sx={{ flex: '1 1 180px' }} data-testid={testId}>
        <CardContent>
            <Typography variant="body2" color="text.secondary">
                {title}
            </Typography>
            <Typography variant="h4" color={tone ? `${tone}.main` : undefined}>
                {value}
            </Typography>
            {hint && (
                <Typography variant="caption" color="text.secondary">
                    {hint}
                </Typography>
            )}
        </CardContent>
    </Card>
);
