import PeopleIcon from '@mui/icons-material/People';
import { StaffEdit } from './StaffEdit';
import { StaffList } from './StaffList';
import { StaffShow } from './StaffShow';

export default { list: StaffList, show: StaffShow, edit: StaffEdit, icon: PeopleIcon, recordRepresentation: 'full_name' };
