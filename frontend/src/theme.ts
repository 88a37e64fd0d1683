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
  // WCAG AA contrast (axe, 4.5:1): filled buttons, links and badges use shade 8 (blue.6 on white is only 3.5:1).
  primaryShade: { light: 8, dark: 8 },
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

/** Dimmed text (hints, secondary columns) in gray.7: gray.6 on white is 3.3:1, under the 4.5:1 of WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-6)' },
  dark: {},
});
