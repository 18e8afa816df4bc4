import { Admin, CustomRoutes, Resource } from 'react-admin';
import { ForgotPasswordPage, LoginPage, SetPasswordPage } from 'ra-supabase';
import { Route } from 'react-router-dom';
import alerts from './alerts';
import auditLog from './audit_log';
import chatStaff from './chat_staff';
import chats from './chats';
import { Dashboard } from './dashboard/Dashboard';
import faq from './faq';
import { FeedbackPage, FEEDBACK_PATH } from './feedback/FeedbackPage';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { theme } from './layout/theme';
import messages from './messages';
import outbox from './outbox';
import { LINK_EXPIRED_PATH } from './providers/authLink';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import requests from './requests';
import { SandboxPage, SANDBOX_PATH } from './sandbox/SandboxPage';
import { QueuePage, QUEUE_PATH } from './queue/QueuePage';
import settings from './settings';
import staff from './staff';
import { LinkExpiredPage } from './staff/LinkExpiredPage';
import surveyVotes from './survey_votes';
import surveys from './surveys';
import templates from './templates';

// No `requireAuth`: with ra-supabase 3.5.2 it delays the login form by ~10 s; every page checks
// authentication itself. Telemetry is off: the console must not call out to marmelab.
export const App = () => (
    <Admin
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        layout={Layout}
        theme={theme}
        dashboard={Dashboard}
        loginPage={LoginPage}
        title="BuhBot"
        disableTelemetry
    >
        <Resource name="chats" {...chats} />
        <Resource name="requests" {...requests} />
        <Resource name="alerts" {...alerts} />
        <Resource name="messages" {...messages} />
        <Resource name="chat_staff" {...chatStaff} />
        <Resource name="surveys" {...surveys} />
        <Resource name="survey_votes" {...surveyVotes} />
        <Resource name="survey_deliveries" />
        <Resource name="faq" {...faq} />
        <Resource name="templates" {...templates} />
        <Resource name="staff" {...staff} />
        <Resource name="settings" {...settings} />
        <Resource name="audit_log" {...auditLog} />
        <Resource name="outbox" {...outbox} />
        <CustomRoutes>
            <Route path={FEEDBACK_PATH} element={<FeedbackPage />} />
            <Route path={SANDBOX_PATH} element={<SandboxPage />} />
            <Route path={QUEUE_PATH} element={<QueuePage />} />
        </CustomRoutes>
        <CustomRoutes noLayout>
            <Route path={SetPasswordPage.path} element={<SetPasswordPage />} />
            <Route path={ForgotPasswordPage.path} element={<ForgotPasswordPage />} />
            <Route path={LINK_EXPIRED_PATH} element={<LinkExpiredPage />} />
        </CustomRoutes>
    </Admin>
);
