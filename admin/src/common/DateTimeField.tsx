import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

// react-admin formats dates in the browser's locale; the console speaks Russian whatever the browser says.
// Times are shown in the browser's timezone.
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };

export const formatDateTime = (value: string | Date, locale: string) => new Date(value).toLocaleString(locale, DATE_TIME);

export const DateTimeField = (props: DateFieldProps) => {
    const [locale] = useLocaleState();
    return <DateField showTime locales={locale} options={DATE_TIME} {...props} />;
};
