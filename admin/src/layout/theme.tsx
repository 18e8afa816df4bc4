import { defaultTheme, type RaThemeOptions } from 'react-admin';
import { LoadError } from '../common/LoadError';

// react-admin's default look, plus what every list, show and edit page does when its data cannot be
// loaded: a Russian error with «Повторить» instead of an empty table («Результатов не найдено»).
const failed = { defaultProps: { error: <LoadError /> } };

export const theme: RaThemeOptions = {
    ...defaultTheme,
    components: {
        ...defaultTheme.components,
        RaList: failed,
        RaShow: failed,
        RaEdit: failed,
    } as RaThemeOptions['components'],
};
