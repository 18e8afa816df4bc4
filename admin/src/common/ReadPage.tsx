import type { ReactNode } from 'react';
import { BooleanField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from './DateTimeField';

// The read-only page of something the bot uses (a template, an FAQ answer): its own fields, then whether
// it is on and how often it was used.
export const ReadPage = ({ children }: { children: ReactNode }) => (
    <Show>
        <SimpleShowLayout>
            {children}
            <BooleanField source="is_active" />
            <TextField source="usage_count" />
            <DateTimeField source="last_used_at" />
        </SimpleShowLayout>
    </Show>
);
