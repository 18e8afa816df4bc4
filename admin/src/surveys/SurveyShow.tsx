import { Stack } from '@mui/material';
import { SelectField, Show, SimpleShowLayout, TextField, useRecordContext, WithRecord } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { surveyKindChoices, surveyStatusChoices } from '../common/choices';
import { Comments } from '../feedback/Comments';
import { SummaryCards } from '../feedback/SummaryCards';
import { ByAccountant } from '../feedback/Trends';
import { quarterLabel } from '../feedback/types';

const SurveyFeedback = () => {
    const record = useRecordContext();
    if (!record) return null;
    return (
        <Stack spacing={2} sx={{ mt: 2 }}>
            <SummaryCards args={{ p_survey_id: record.id }} />
            <ByAccountant surveyId={record.id as number} />
            <Comments args={{ p_survey_id: record.id }} />
        </Stack>
    );
};

// One survey: when and for whom it ran, then its distribution, average, NPS and comments.
export const SurveyShow = () => (
    <Show>
        <SimpleShowLayout>
            <TextField source="title" />
            <SelectField source="kind" choices={surveyKindChoices} />
            <SelectField source="status" choices={surveyStatusChoices} />
            <WithRecord label="resources.surveys.fields.quarter" render={record => quarterLabel(record.quarter)} />
            <DateTimeField source="started_at" />
            <DateTimeField source="expires_at" />
            <SurveyFeedback />
        </SimpleShowLayout>
    </Show>
);
