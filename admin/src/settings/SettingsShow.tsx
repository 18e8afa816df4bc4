import { BooleanField, FunctionField, NumberField, Show, TabbedShowLayout, TextField, useCanAccess } from 'react-admin';
import { CalendarImport } from '../schedule/CalendarImport';
import { CoverageAlert } from '../schedule/CoverageAlert';
import { ScheduleEditor } from '../schedule/ScheduleEditor';
import { formatIds, SETTING_SECTIONS, type Setting } from './fields';

const field = ({ source, kind }: Setting) => {
    switch (kind) {
        case 'boolean':
            return <BooleanField key={source} source={source} />;
        case 'ids':
            return <FunctionField key={source} source={source} render={record => formatIds(record[source])} />;
        case 'number':
            return <NumberField key={source} source={source} locales="ru-RU" />;
        default:
            return <TextField key={source} source={source} />;
    }
};

const GlobalCalendar = () => {
    const { canAccess } = useCanAccess({ resource: 'settings', action: 'edit' });
    return (
        <>
            <CoverageAlert always />
            {canAccess === true && <CalendarImport />}
            <ScheduleEditor chatId={null} canEdit={canAccess === true} />
        </>
    );
};

export const SettingsShow = () => (
    <Show title="resources.settings.name">
        <TabbedShowLayout>
            {SETTING_SECTIONS.map(({ section, settings }) => (
                <TabbedShowLayout.Tab key={section} label={`buhbot.section.${section}`} path={section === 'sla' ? undefined : section}>
                    {settings.map(field)}
                </TabbedShowLayout.Tab>
            ))}
            <TabbedShowLayout.Tab label="buhbot.tab.calendar" path="calendar">
                <GlobalCalendar />
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);
