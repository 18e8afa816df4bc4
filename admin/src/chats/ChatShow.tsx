import {
    BooleanField,
    NumberField,
    Pagination,
    ReferenceManyField,
    SelectField,
    Show,
    TabbedShowLayout,
    TextField,
    useCanAccess,
    useRecordContext,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { chatTypeChoices } from '../common/choices';
import { RequestTable } from '../requests/RequestTable';
import { ScheduleEditor } from '../schedule/ScheduleEditor';
import { ChatHealthPanel } from './ChatHealthPanel';
import { ChatStaffTab } from './ChatStaffTab';

const ChatSchedule = () => {
    const chat = useRecordContext();
    const { canAccess } = useCanAccess({ resource: 'calendars', action: 'edit' });
    return chat ? <ScheduleEditor chatId={chat.id as number} canEdit={canAccess === true} /> : null;
};

export const ChatShow = () => (
    <Show>
        <TabbedShowLayout>
            <TabbedShowLayout.Tab label="buhbot.tab.summary">
                <TextField source="title" />
                <TextField source="id" />
                <SelectField source="chat_type" choices={chatTypeChoices} />
                <BooleanField source="sla_enabled" />
                <NumberField source="threshold_minutes" />
                <BooleanField source="monitoring_enabled" />
                <DateTimeField source="last_message_at" />
                <ChatHealthPanel />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="buhbot.tab.staff" path="staff">
                <ChatStaffTab />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="buhbot.tab.schedule" path="schedule">
                <ChatSchedule />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="buhbot.tab.requests" path="requests">
                <ReferenceManyField
                    reference="requests"
                    target="chat_id"
                    sort={{ field: 'received_at', order: 'DESC' }}
                    pagination={<Pagination />}
                >
                    <RequestTable withChat={false} />
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);
