import BadgeIcon from '@mui/icons-material/Badge';
import { ChatStaffCreate } from './ChatStaffCreate';
import { ChatStaffEdit } from './ChatStaffEdit';
import { ChatStaffList } from './ChatStaffList';

export default { list: ChatStaffList, create: ChatStaffCreate, edit: ChatStaffEdit, icon: BadgeIcon };
