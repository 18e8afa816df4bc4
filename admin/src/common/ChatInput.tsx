import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';

// A chat picked by typing part of its title. `source` is passed by the caller because a list's filter form
// reads it from the element.
export const ChatInput = ({ validate, ...props }: { source: string; alwaysOn?: boolean; validate?: Validator }) => (
    <ReferenceInput reference="chats" {...props}>
        <AutocompleteInput filterToQuery={title => ({ 'title@ilike': title })} validate={validate} />
    </ReferenceInput>
);
