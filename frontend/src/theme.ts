import { createTheme } from '@mantine/core';

const fontStack =
  'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  fontFamily: fontStack,
  headings: { fontFamily: fontStack },
  primaryColor: 'blue',
  defaultRadius: 'sm',
});
