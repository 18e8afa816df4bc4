import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { StartSurveyButton } from './StartSurveyButton';

// The Surveys page before the first survey: react-admin's own empty page has no list actions, so the start
// button lives here too.
export const SurveysEmpty = () => {
    const translate = useTranslate();
    return (
        <Box sx={{ textAlign: 'center', mt: 6, px: 2 }} data-testid="surveys-empty">
            <Typography variant="h6" gutterBottom>
                {translate('buhbot.survey.empty')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {translate('buhbot.survey.empty_hint')}
            </Typography>
            <StartSurveyButton variant="contained" />
        </Box>
    );
};
