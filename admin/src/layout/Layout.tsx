import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { Menu } from './Menu';

// The layout and its content column may shrink below their widest child (react-admin sets min-width:
// fit-content, flex items default to auto), so a page is as wide as the screen and what is wider wraps or
// turns into cards inside it instead of the whole page scrolling sideways.
export const Layout = ({ children }: { children: ReactNode }) => (
    <RaLayout menu={Menu} sx={{ minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}>
        {children}
    </RaLayout>
);
