import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Button, useNotify, useTranslate } from 'react-admin';

// A set-password link for the admin to pass on (messenger, email): the console never needs a mail server.
export const LinkDialog = ({ link, title, onClose }: { link: string | null; title: string; onClose: () => void }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const copy = () =>
        navigator.clipboard?.writeText(link ?? '').then(
            () => notify('buhbot.staff.copied', { type: 'success' }),
            () => notify('buhbot.staff.copy_failed', { type: 'warning' })
        );
    return (
        <Dialog open={link != null} onClose={onClose} fullWidth maxWidth="sm">
            <DialogTitle>{translate(title)}</DialogTitle>
            <DialogContent>
                <Alert severity="info" sx={{ mb: 2 }}>{translate('buhbot.staff.link_hint')}</Alert>
                <TextField value={link ?? ''} fullWidth multiline slotProps={{ htmlInput: { readOnly: true, 'aria-label': translate('buhbot.staff.link') } }} />
            </DialogContent>
            <DialogActions>
                <Button label="buhbot.staff.copy" onClick={copy}><ContentCopyIcon /></Button>
                <Button label="ra.action.close" onClick={onClose} />
            </DialogActions>
        </Dialog>
    );
};
