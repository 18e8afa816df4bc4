import type { ReactNode } from 'react';
import { Button, DialogActions } from '@mui/material';
import { useTranslate } from 'react-admin';

// A form dialog's «Отмена» and its submit button. Plain MUI for «Отмена»: react-admin's Button shows only
// its icon on a phone and this one has none; the row wraps rather than cutting a button off at 390 px.
export const DialogButtons = ({ onCancel, children }: { onCancel: () => void; children: ReactNode }) => {
    const translate = useTranslate();
    return (
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1, '& > :not(style) ~ :not(style)': { ml: 0 } }}>
            <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
            {children}
        </DialogActions>
    );
};
