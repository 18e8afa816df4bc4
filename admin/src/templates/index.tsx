import TemplateIcon from '@mui/icons-material/ShortText';
import {
    BooleanField,
    BooleanInput,
    Create,
    DataTable,
    Edit,
    List,
    required,
    SearchInput,
    SimpleForm,
    TextInput,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { liveQueryOptions } from '../common/live';

const filters = [<SearchInput key="title" source="title@ilike" alwaysOn />, <TextInput key="category" source="category" />];

const TemplateList = () => (
    <List filters={filters} sort={{ field: 'category', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <DataTable bulkActionButtons={false}>
            <DataTable.Col source="category" />
            <DataTable.Col source="title" />
            <DataTable.Col source="is_active" field={BooleanField} />
            <DataTable.Col source="usage_count" align="right" />
            <DataTable.Col source="last_used_at" field={DateTimeField} />
        </DataTable>
    </List>
);

// The database refuses any {{variable}} other than the five the bot can fill in.
const TemplateForm = () => (
    <SimpleForm>
        <TextInput source="category" validate={required()} />
        <TextInput source="title" validate={required()} />
        <TextInput source="body" multiline minRows={4} validate={required()} helperText="buhbot.hint.template_variables" />
        <BooleanInput source="is_active" />
    </SimpleForm>
);

const TemplateEdit = () => (
    <Edit mutationMode="pessimistic" redirect="list">
        <TemplateForm />
    </Edit>
);

const TemplateCreate = () => (
    <Create redirect="list">
        <TemplateForm />
    </Create>
);

export default { list: TemplateList, edit: TemplateEdit, create: TemplateCreate, icon: TemplateIcon, recordRepresentation: 'title' };
