import ChatIcon from '@mui/icons-material/Forum';
import { ChatEdit } from './ChatEdit';
import { ChatList } from './ChatList';
import { ChatShow } from './ChatShow';

export default { list: ChatList, show: ChatShow, edit: ChatEdit, icon: ChatIcon, recordRepresentation: 'title' };
