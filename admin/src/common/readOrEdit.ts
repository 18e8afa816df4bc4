import { useCanAccess } from 'react-admin';

// Where a click on a row leads: the edit form for those who may change the resource, else its read-only
// page (a row must never look clickable and open nothing).
export const useRowClick = (resource: string) => {
    const { canAccess } = useCanAccess({ resource, action: 'edit' });
    return canAccess ? 'edit' : 'show';
};
