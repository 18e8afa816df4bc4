import { useMediaQuery, type Theme } from '@mui/material';

// Phones (below the "sm" breakpoint, 600 px): lists become cards, tables become stacked rows.
export const useIsPhone = () => useMediaQuery<Theme>(theme => theme.breakpoints.down('sm'));
