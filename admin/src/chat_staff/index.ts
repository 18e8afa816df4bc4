import BadgeIcon from '@mui/icons-material/Badge';
import { ChatStaffCreate } from './ChatStaffCreate';
import { ChatStaffEdit } from './ChatStaffEdit';
import { ChatStaffList } from './ChatStaffList';

export default {
    list: ChatStaffList,
    create: ChatStaffCreate,
    edit: ChatStaffEdit,
    icon: BadgeIcon,
    recordRepresentation: (r: { display_name: string | null; telegram_user_id: number }) =>
        r.display_name ?? String(r.telegram_user_id),
};
