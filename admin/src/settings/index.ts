import SettingsIcon from '@mui/icons-material/Settings';
import { SettingsEdit } from './SettingsEdit';
import { SettingsShow } from './SettingsShow';

// A single row (id = true): reached from the menu at /settings/true/show, never listed.
export const SETTINGS_PATH = '/settings/true/show';

export default { show: SettingsShow, edit: SettingsEdit, icon: SettingsIcon };
