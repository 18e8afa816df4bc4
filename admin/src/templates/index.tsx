import TemplateIcon from '@mui/icons-material/ShortText';
import {
    BooleanField,
    BooleanInput,
    DataTable,
    List,
    required,
    SearchInput,
    SimpleForm,
    TextField,
    TextInput,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { formPages } from '../common/formPages';
import { ReadPage } from '../common/ReadPage';
import { useRowClick } from '../common/readOrEdit';
import { liveQueryOptions } from '../providers/live';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [<SearchInput key="title" source="title@ilike" alwaysOn />, <TextInput key="category" source="category" />];

const TemplateList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'category', order: 'ASC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick={useRowClick('templates')} bulkActionButtons={false}>
            <DataTable.Col source="category" />
            <DataTable.Col source="title" />
            <DataTable.Col source="is_active" field={BooleanField} />
            <DataTable.Col source="usage_count" align="right" />
            <DataTable.Col source="last_used_at" field={DateTimeField} />
        </ResponsiveDataTable>
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

// Accountants read templates here (they send them with /template in the chat).
const TemplateShow = () => (
    <ReadPage>
        <TextField source="category" />
        <TextField source="title" />
        <TextField source="body" sx={{ whiteSpace: 'pre-wrap' }} />
    </ReadPage>
);

export default { list: TemplateList, show: TemplateShow, ...formPages(TemplateForm), icon: TemplateIcon, recordRepresentation: 'title' };
