import HelpIcon from '@mui/icons-material/Help';
import { BooleanField, DataTable, FunctionField, List, SearchInput, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { formPages } from '../common/formPages';
import { ReadPage } from '../common/ReadPage';
import { useRowClick } from '../common/readOrEdit';
import { liveQueryOptions } from '../providers/live';
import { FaqForm } from './FaqForm';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [<SearchInput key="question" source="question@ilike" alwaysOn />];

const keywordsText = (faq: { keywords: string[] }) => faq.keywords.join(', ');

const FaqList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'usage_count', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick={useRowClick('faq')} bulkActionButtons={false}>
            <DataTable.Col source="question" />
            <DataTable.Col source="keywords">
                <FunctionField source="keywords" render={keywordsText} />
            </DataTable.Col>
            <DataTable.Col source="is_active" field={BooleanField} />
            <DataTable.Col source="usage_count" align="right" />
            <DataTable.Col source="last_used_at" field={DateTimeField} />
        </ResponsiveDataTable>
    </List>
);

// Accountants read the bot's answers here, to know what clients are told.
const FaqShow = () => (
    <ReadPage>
        <TextField source="question" />
        <TextField source="answer" sx={{ whiteSpace: 'pre-wrap' }} />
        <FunctionField source="keywords" render={keywordsText} />
    </ReadPage>
);

export default { list: FaqList, show: FaqShow, ...formPages(FaqForm), icon: HelpIcon, recordRepresentation: 'question' };
