import { useTranslate } from 'react-admin';
import { FigureTable } from '../common/FigureTable';
import { FIGURES, quarterLabel, type AccountantRow, type QuarterRow } from './types';

const shared = {
    live: true,
    figures: FIGURES,
    labels: 'buhbot.feedback',
    empty: 'buhbot.feedback.no_votes',
} as const;

// Trend by rated quarter (public.feedback_trend) and per primary accountant (public.feedback_by_accountant).
export const QuarterTrend = () => (
    <FigureTable
        {...shared}
        fn="feedback_trend"
        testId="feedback-trend"
        title="buhbot.feedback.trend"
        column="buhbot.feedback.column.quarter"
        label={(row: QuarterRow) => quarterLabel(row.quarter)}
    />
);

export const ByAccountant = ({ surveyId }: { surveyId?: number }) => {
    const translate = useTranslate();
    return (
        <FigureTable
            {...shared}
            fn="feedback_by_accountant"
            args={surveyId == null ? {} : { p_survey_id: surveyId }}
            testId="feedback-by-accountant"
            title="buhbot.feedback.by_accountant"
            column="buhbot.feedback.column.accountant"
            label={(row: AccountantRow) => row.accountant_name ?? String(row.accountant_telegram_id ?? translate('buhbot.feedback.no_accountant'))}
        />
    );
};
