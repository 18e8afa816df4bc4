import type { ReactElement } from 'react';
import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';
import FeedbackIcon from '@mui/icons-material/Reviews';
import SettingsIcon from '@mui/icons-material/Settings';
import SandboxIcon from '@mui/icons-material/Science';
import QueueIcon from '@mui/icons-material/HourglassTop';
import { FEEDBACK_PATH } from '../feedback/FeedbackPage';
import { SANDBOX_PATH } from '../sandbox/SandboxPage';
import { QUEUE_PATH } from '../queue/QueuePage';
import { SETTINGS_PATH } from '../settings';

// A page that is not a resource list (a single record, a custom route) gets a plain link, shown to the
// roles allowed `action` on `resource`.
const LinkItem = ({ to, resource, action, label, icon }: {
    to: string;
    resource: string;
    action: string;
    label: string;
    icon: ReactElement;
}) => {
    const translate = useTranslate();
    const { canAccess } = useCanAccess({ resource, action });
    if (!canAccess) return null;
    return <RaMenu.Item to={to} primaryText={translate(label)} leftIcon={icon} />;
};

// Entries appear only for roles that may list the resource (authProvider.canAccess).
export const Menu = () => (
    <RaMenu>
        <RaMenu.DashboardItem />
        <LinkItem to={QUEUE_PATH} resource="requests" action="list" label="buhbot.queue.title" icon={<QueueIcon />} />
        <RaMenu.ResourceItem name="chats" />
        <RaMenu.ResourceItem name="requests" />
        <RaMenu.ResourceItem name="alerts" />
        <RaMenu.ResourceItem name="messages" />
        <RaMenu.ResourceItem name="chat_staff" />
        <LinkItem to={FEEDBACK_PATH} resource="feedback" action="show" label="buhbot.feedback.title" icon={<FeedbackIcon />} />
        <RaMenu.ResourceItem name="surveys" />
        <RaMenu.ResourceItem name="survey_votes" />
        <RaMenu.ResourceItem name="faq" />
        <RaMenu.ResourceItem name="templates" />
        <RaMenu.ResourceItem name="staff" />
        <LinkItem to={SETTINGS_PATH} resource="settings" action="show" label="resources.settings.name" icon={<SettingsIcon />} />
        <RaMenu.ResourceItem name="audit_log" />
        <RaMenu.ResourceItem name="outbox" />
        <LinkItem to={SANDBOX_PATH} resource="sandbox" action="show" label="buhbot.sandbox.title" icon={<SandboxIcon />} />
    </RaMenu>
);
