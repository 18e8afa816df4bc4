import { DataTable, ExportButton, List, ReferenceManyCount, SelectField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { surveyKindChoices, surveyStatusChoices } from '../common/choices';
import { quarterLabel } from '../feedback/types';
import { liveQueryOptions } from '../providers/live';
import { StartSurveyButton } from './StartSurveyButton';
import { SurveysEmpty } from './SurveysEmpty';
import { VotesCount } from './VotesCount';
import { csvExporter } from '../common/exporter';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const Actions = () => (
    <TopToolbar>
        <StartSurveyButton />
        <ExportButton />
    </TopToolbar>
);

// Deliveries are counted through RLS (an accountant counts their own chats), votes through the anonymised
// summary RPC, so every role sees the same kind of number.
export const SurveyList = () => (
    <List exporter={csvExporter} actions={<Actions />} empty={<SurveysEmpty />} sort={{ field: 'started_at', order: 'DESC' }} queryOptions={liveQueryOptions}>
        <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="title" />
            <DataTable.Col source="kind">
                <SelectField source="kind" choices={surveyKindChoices} />
            </DataTable.Col>
            <DataTable.Col source="status">
                <SelectField source="status" choices={surveyStatusChoices} />
            </DataTable.Col>
            <DataTable.Col source="quarter" render={record => quarterLabel(record.quarter)} />
            <DataTable.Col source="started_at" field={DateTimeField} />
            <DataTable.Col source="expires_at" field={DateTimeField} />
            <DataTable.Col label="resources.surveys.fields.deliveries" align="right">
                <ReferenceManyCount reference="survey_deliveries" target="survey_id" />
            </DataTable.Col>
            <DataTable.Col label="resources.surveys.fields.votes" align="right">
                <VotesCount />
            </DataTable.Col>
        </ResponsiveDataTable>
    </List>
);
