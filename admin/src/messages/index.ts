import MessageIcon from '@mui/icons-material/Message';
import { MessageList } from './MessageList';

export default { list: MessageList, icon: MessageIcon };
