import AlertIcon from '@mui/icons-material/NotificationImportant';
import { AlertList } from './AlertList';

export default { list: AlertList, icon: AlertIcon };
