import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';
import SettingsIcon from '@mui/icons-material/Settings';
import { SETTINGS_PATH } from '../settings';

// Settings is a single record, so it gets a plain link instead of a resource list entry.
const SettingsItem = () => {
    const translate = useTranslate();
    const { canAccess } = useCanAccess({ resource: 'settings', action: 'show' });
    if (!canAccess) return null;
    return <RaMenu.Item to={SETTINGS_PATH} primaryText={translate('resources.settings.name')} leftIcon={<SettingsIcon />} />;
};

// Entries appear only for roles that may list the resource (authProvider.canAccess).
export const Menu = () => (
    <RaMenu>
        <RaMenu.DashboardItem />
        <RaMenu.ResourceItem name="chats" />
        <RaMenu.ResourceItem name="requests" />
        <RaMenu.ResourceItem name="alerts" />
        <RaMenu.ResourceItem name="messages" />
        <RaMenu.ResourceItem name="chat_staff" />
        <RaMenu.ResourceItem name="faq" />
        <RaMenu.ResourceItem name="templates" />
        <RaMenu.ResourceItem name="staff" />
        <SettingsItem />
        <RaMenu.ResourceItem name="audit_log" />
        <RaMenu.ResourceItem name="outbox" />
    </RaMenu>
);
