import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

// react-admin formats dates in the browser's locale; the console speaks Russian whatever the browser says.
// Times are shown in the browser's timezone.
export const DateTimeField = (props: DateFieldProps) => {
    const [locale] = useLocaleState();
    return <DateField showTime locales={locale} options={{ dateStyle: 'short', timeStyle: 'short' }} {...props} />;
};
