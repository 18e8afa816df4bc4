// Shapes of the feedback RPCs (supabase/migrations/20261122005000_feedback.sql). None of them carries the
// voter's identity: only public.survey_votes does, and RLS gives it to managers and admins alone.
export type Summary = {
    votes: number;
    average: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
    nps: number | null;
};

export type Figures = { votes: number; average: number | null; nps: number | null };

export type QuarterRow = Figures & { quarter: string };

export type AccountantRow = Figures & { accountant_telegram_id: number | null; accountant_name: string | null };

export type CommentRow = {
    delivery_id: number;
    survey_id: number;
    chat_id: number;
    chat_title: string | null;
    rating: number;
    comment: string;
    voted_at: string;
};

export const FIGURES = ['votes', 'average', 'nps'] as const;

// "2026-10-01" → "IV кв. 2026": the quarter a survey rates is stored as its first day.
export const quarterLabel = (quarter: string) => {
    const [year, month] = quarter.split('-').map(Number);
    return `${['I', 'II', 'III', 'IV'][Math.floor((month - 1) / 3)]} кв. ${year}`;
};
