import { Alert, Card, CardActions, CardContent, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

// Where a used or expired invitation / reset link lands (see providers/authLink.ts).
export const LinkExpiredPage = () => {
    const translate = useTranslate();
    return (
        <Card sx={{ maxWidth: 480, mx: 'auto', mt: 8 }}>
            <CardContent>
                <Typography variant="h6" gutterBottom>BuhBot</Typography>
                <Alert severity="warning">{translate('buhbot.staff.link_expired')}</Alert>
            </CardContent>
            <CardActions>
                <Button label="ra-supabase.auth.back_to_login" component={Link} to="/login" />
            </CardActions>
        </Card>
    );
};
