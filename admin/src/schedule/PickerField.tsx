import type { ReactNode } from 'react';
import { FormControl, FormHelperText, FormLabel, TextField } from '@mui/material';
import { InputHelperText, useTranslate } from 'react-admin';

// A labelled group of pickers with the field's help or, when it is wrong, its error underneath (in Russian).
export const PickerField = ({ label, helperText, error, children }: {
    label: string;
    helperText?: string | false;
    error?: string;
    children: ReactNode;
}) => {
    const translate = useTranslate();
    return (
        <FormControl component="fieldset" error={Boolean(error)} sx={{ mb: 2, minWidth: 0 }}>
            <FormLabel component="legend" sx={{ mb: 0.5 }}>
                {translate(label)}
            </FormLabel>
            {children}
            {(error || helperText) && (
                <FormHelperText>
                    <InputHelperText error={error} helperText={helperText} />
                </FormHelperText>
            )}
        </FormControl>
    );
};

type PickerProps = {
    type: 'time' | 'date';
    name: string;
    label?: string;
    value: string;
    onChange: (value: string) => void;
    readOnly: boolean;
    disabled: boolean;
};

// The browser's own time or date picker (on a phone, the system wheel or calendar).
export const Picker = ({ type, name, label, value, onChange, readOnly, disabled }: PickerProps) => {
    const translate = useTranslate();
    return (
        <TextField
            type={type}
            size="small"
            label={label ? translate(label) : undefined}
            value={value}
            onChange={event => onChange(event.target.value)}
            disabled={disabled}
            slotProps={{ htmlInput: { name, readOnly, step: type === 'time' ? 60 : undefined }, inputLabel: { shrink: true } }}
            sx={{ width: type === 'time' ? 116 : 160 }}
        />
    );
};
