import { Autocomplete, createTheme, type CSSVariablesResolver, MultiSelect, Select, Table, type OptionsFilter } from '@mantine/core';
import { foldFilter } from './lib/search';

const fontStack =
  'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// Searchable pickers ignore case and treat «ё» as «е», like every search of the API.
const filter = foldFilter as unknown as OptionsFilter;

export const theme = createTheme({
  fontFamily: fontStack,
  headings: { fontFamily: fontStack },
  primaryColor: 'blue',
  // WCAG AA contrast (axe, 4.5:1): filled buttons, links and coloured text use shade 9 (blue.6 on white is 3.5:1).
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: 'sm',
  components: {
    Select: Select.extend({ defaultProps: { filter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { filter } }),
    // A table wider than the screen scrolls inside its frame; the frame takes the keyboard focus so it can be
    // scrolled without a mouse (axe: scrollable-region-focusable).
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

const PALETTE = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'];
const DARK_TEXT: Record<string, string> = { yellow: '#6b4e00', orange: '#8f3500', lime: '#3b6300', green: '#1f6b2f' };

/** Dimmed text (hints, secondary columns) in gray.7: gray.6 on white is 3.3:1, under the 4.5:1 of WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // Field errors: red.6 is 3.3:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Light badges on shade 0 (shade 1 leaves red.9 text at 4.3:1).
    ...Object.fromEntries(PALETTE.map((color) => [`--mantine-color-${color}-light`, `var(--mantine-color-${color}-0)`])),
    // Even shade 9 of the warm colours and green is too light for text on white, striped rows or light badges.
    ...Object.fromEntries(
      Object.entries(DARK_TEXT).flatMap(([color, hex]) => [
        [`--mantine-color-${color}-light-color`, hex],
        [`--mantine-color-${color}-text`, hex],
      ]),
    ),
  },
  dark: {},
});
