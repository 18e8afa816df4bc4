import SurveyIcon from '@mui/icons-material/Poll';
import { SurveyList } from './SurveyList';
import { SurveyShow } from './SurveyShow';

export default { list: SurveyList, show: SurveyShow, icon: SurveyIcon, recordRepresentation: 'title' };
