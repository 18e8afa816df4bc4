import { useTranslate } from 'react-admin';
import { FigureTable } from './FigureTable';
import { quarterLabel, type AccountantRow, type QuarterRow } from './types';

// Trend by rated quarter (public.feedback_trend) and per primary accountant (public.feedback_by_accountant).
export const QuarterTrend = () => (
    <FigureTable<QuarterRow>
        fn="feedback_trend"
        testId="feedback-trend"
        title="buhbot.feedback.trend"
        column="buhbot.feedback.column.quarter"
        name={row => quarterLabel(row.quarter)}
    />
);

export const ByAccountant = ({ surveyId }: { surveyId?: number }) => {
    const translate = useTranslate();
    return (
        <FigureTable<AccountantRow>
            fn="feedback_by_accountant"
            args={surveyId == null ? {} : { p_survey_id: surveyId }}
            testId="feedback-by-accountant"
            title="buhbot.feedback.by_accountant"
            column="buhbot.feedback.column.accountant"
            name={row => row.accountant_name ?? row.accountant_telegram_id ?? translate('buhbot.feedback.no_accountant')}
        />
    );
};
