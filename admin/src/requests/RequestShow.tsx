import {
    BooleanField,
    NumberField,
    ReferenceField,
    Show,
    SimpleShowLayout,
    TextField,
    TopToolbar,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { SlaStateField, TimeLeftField } from '../queue/TimeLeftField';
import { RequestStatusField, WorkingMinutesField } from './RequestFields';
import { RequestTimeline } from './RequestTimeline';
import { ResolveRequestButton } from './ResolveRequestButton';

export const RequestShow = () => (
    <Show actions={<TopToolbar><ResolveRequestButton resource="requests" requestField="id" /></TopToolbar>}>
        <SimpleShowLayout>
            <ReferenceField source="chat_id" reference="chats" link="show" />
            <TextField source="client_name" />
            <TextField source="accountant_name" />
            <RequestStatusField source="status" />
            <SlaStateField source="sla_state" />
            <TimeLeftField source="working_seconds_left" />
            <DateTimeField source="received_at" />
            <NumberField source="threshold_minutes" />
            <DateTimeField source="warn_at" />
            <DateTimeField source="breach_at" />
            <DateTimeField source="answered_at" />
            <WorkingMinutesField source="response_working_seconds" />
            <BooleanField source="breached" />
            <DateTimeField source="resolved_at" />
            <TextField source="resolved_by" />
            <NumberField source="message_count" />
            <RequestTimeline />
        </SimpleShowLayout>
    </Show>
);
