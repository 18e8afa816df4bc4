import type { ReactElement, ReactNode } from 'react';
import { Dialog, DialogContent, DialogTitle } from '@mui/material';
import { Form, SaveButton, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { DialogButtons } from './DialogButtons';

type Props = {
    open: boolean;
    onClose: () => void;
    title: string;
    onSubmit: (values: FieldValues) => void;
    defaultValues?: FieldValues;
    submitLabel: string;
    submitIcon: ReactElement;
    pending: boolean;
    children: ReactNode;
};

// A small form in a dialog (start a survey, invite a person): inputs, «Отмена» and one submit button that
// stays disabled while the request runs.
export const FormDialog = ({ open, onClose, title, onSubmit, defaultValues, submitLabel, submitIcon, pending, children }: Props) => {
    const translate = useTranslate();
    return (
        <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
            <Form onSubmit={onSubmit} defaultValues={defaultValues}>
                <DialogTitle>{translate(title)}</DialogTitle>
                <DialogContent>{children}</DialogContent>
                <DialogButtons onCancel={onClose}>
                    <SaveButton label={submitLabel} icon={submitIcon} disabled={pending} alwaysEnable />
                </DialogButtons>
            </Form>
        </Dialog>
    );
};
