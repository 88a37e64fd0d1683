import { Autocomplete, createTheme, MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { foldFilter } from './lib/search';

const fontStack =
  'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// Searchable pickers ignore case and treat «ё» as «е», like every search of the API.
const filter = foldFilter as unknown as OptionsFilter;

export const theme = createTheme({
  fontFamily: fontStack,
  headings: { fontFamily: fontStack },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  components: {
    Select: Select.extend({ defaultProps: { filter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { filter } }),
  },
});
