import type { ComponentType } from 'react';
import { Create, Edit } from 'react-admin';

// A resource's edit and create pages around one form; both return to the list after saving.
export const formPages = (Form: ComponentType) => ({
    edit: () => (
        <Edit mutationMode="pessimistic" redirect="list">
            <Form />
        </Edit>
    ),
    create: () => (
        <Create redirect="list">
            <Form />
        </Create>
    ),
});
