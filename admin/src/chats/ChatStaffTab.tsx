import {
    BooleanField,
    CreateButton,
    DataTable,
    DeleteButton,
    EditButton,
    ReferenceManyField,
    SelectField,
    useRecordContext,
} from 'react-admin';
import { chatRoleChoices } from '../common/choices';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

// The chat's accountants and managers, with add/edit/remove for whoever may (buttons check access).
export const ChatStaffTab = () => {
    const chat = useRecordContext();
    return (
        <>
            <ReferenceManyField reference="chat_staff" target="chat_id" sort={{ field: 'is_primary', order: 'DESC' }}>
                <ResponsiveDataTable bulkActionButtons={false} rowClick={false}>
                    <DataTable.Col source="display_name" />
                    <DataTable.Col source="telegram_user_id" />
                    <DataTable.Col source="role">
                        <SelectField source="role" choices={chatRoleChoices} />
                    </DataTable.Col>
                    <DataTable.Col source="is_primary" field={BooleanField} />
                    <DataTable.Col>
                        <EditButton />
                        <DeleteButton mutationMode="pessimistic" redirect={false} />
                    </DataTable.Col>
                </ResponsiveDataTable>
            </ReferenceManyField>
            <CreateButton
                resource="chat_staff"
                state={{ record: { chat_id: chat?.id } }}
                label="buhbot.action.add_chat_staff"
            />
        </>
    );
};
