import RequestIcon from '@mui/icons-material/QuestionAnswer';
import { RequestList } from './RequestList';
import { RequestShow } from './RequestShow';

export default { list: RequestList, show: RequestShow, icon: RequestIcon, recordRepresentation: (r: { id: number }) => `№ ${r.id}` };
