import polyglotI18nProvider from 'ra-i18n-polyglot';
import russianMessages from 'ra-language-russian';
import { mergeTranslations } from 'react-admin';
import { resourcesRu } from './resources.ru';
import { uiRu } from './ui.ru';

// ra-supabase ships only English; these are its login and password screens.
const raSupabaseRu = {
    'ra-supabase': {
        auth: {
            email: 'Эл. почта',
            confirm_password: 'Повторите пароль',
            sign_in_with: 'Войти через %{provider}',
            forgot_password: 'Забыли пароль?',
            reset_password: 'Сбросить пароль',
            password_reset: 'Пароль сброшен. Ссылка для входа отправлена на почту.',
            missing_tokens: 'Нет токенов доступа',
            back_to_login: 'Назад ко входу',
        },
        reset_password: {
            forgot_password: 'Забыли пароль?',
            forgot_password_details: 'Укажите почту, и мы пришлём инструкцию.',
        },
        set_password: { new_password: 'Придумайте пароль' },
        validation: { password_mismatch: 'Пароли не совпадают' },
    },
};

// Keys the Russian pack lacks or words differently, and those ra-supabase adds to `ra`.
const raRu = {
    ra: {
        auth: { email: 'Эл. почта', confirm_password: 'Повторите пароль' },
        action: { reset_password: 'Сбросить пароль' },
        validation: { minValue: 'Не меньше %{min}', maxValue: 'Не больше %{max}', number: 'Нужно число' },
    },
};

export const messages = mergeTranslations(russianMessages, raSupabaseRu, raRu, {
    resources: resourcesRu,
    buhbot: uiRu,
});

export const i18nProvider = polyglotI18nProvider(() => messages, 'ru', [{ locale: 'ru', name: 'Русский' }], {
    // Polyglot only warns in development builds; a missing key in the production console must be visible
    // too (the e2e test fails on it).
    warn: (message: string) => console.warn(message),
});
