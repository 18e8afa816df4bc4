import HelpIcon from '@mui/icons-material/Help';
import { BooleanField, DataTable, FunctionField, List, SearchInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { formPages } from '../common/formPages';
import { liveQueryOptions } from '../providers/live';
import { FaqForm } from './FaqForm';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const filters = [<SearchInput key="question" source="question@ilike" alwaysOn />];

const FaqList = () => (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'usage_count', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable bulkActionButtons={false}>
            <DataTable.Col source="question" />
            <DataTable.Col source="keywords">
                <FunctionField source="keywords" render={faq => faq.keywords.join(', ')} />
            </DataTable.Col>
            <DataTable.Col source="is_active" field={BooleanField} />
            <DataTable.Col source="usage_count" align="right" />
            <DataTable.Col source="last_used_at" field={DateTimeField} />
        </ResponsiveDataTable>
    </List>
);

export default { list: FaqList, ...formPages(FaqForm), icon: HelpIcon, recordRepresentation: 'question' };
