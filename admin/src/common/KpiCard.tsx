import type { ReactNode } from 'react';
import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router-dom';

// One number with its name and a line of context; `tone` colours numbers that need attention; `to` makes
// the card a link to the items behind the number.
export const KpiCard = ({ title, value, hint, tone, testId, to }: {
    title: string;
    value: ReactNode;
    hint?: ReactNode;
    tone?: 'error' | 'success';
    testId?: string;
    to?: string;
}) => {
    const content = (
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
    );
    return (
        <Card sx={{ flex: '1 1 180px' }} data-testid={testId}>
            {to ? (
                <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
                    {content}
                </CardActionArea>
            ) : (
                content
            )}
        </Card>
    );
};
