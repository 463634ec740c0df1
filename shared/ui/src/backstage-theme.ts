/**
 * Maps a Backstage (MUI v4-like) theme to the `--sy-*` variables. Pure: the Backstage plugin calls
 * it with `useTheme()` and spreads the result into the `style` of the element wrapping the
 * components; nothing here imports MUI.
 */
export interface BackstageLikeTheme {
  palette: {
    type?: 'light' | 'dark';
    mode?: 'light' | 'dark';
    text: { primary: string; secondary: string };
    background: { default: string; paper: string };
    primary: { main: string };
    divider: string;
    error: { main: string };
    warning: { main: string };
    success: { main: string };
    info?: { main: string };
  };
  typography?: { fontFamily?: string; fontSize?: number };
}

/** A style object of CSS custom properties (React passes `--*` keys through to the element). */
export type SyThemeVars = Record<`--sy-${string}`, string>;

const BLUE = { light: '#1565c0', dark: '#64b5f6' };
const GREEN = { light: '#2e7d32', dark: '#81c784' };

export function backstageThemeVars(theme: BackstageLikeTheme): SyThemeVars {
  const p = theme.palette;
  const mode = p.type ?? p.mode ?? 'light';
  const vars: SyThemeVars = {
    '--sy-fg': p.text.primary,
    '--sy-muted': p.text.secondary,
    '--sy-bg': p.background.default,
    '--sy-surface': p.background.paper,
    '--sy-border': p.divider,
    '--sy-accent': p.primary.main,
    '--sy-ok': p.success.main,
    '--sy-warn': p.warning.main,
    '--sy-error': p.error.main,
    '--sy-info': p.info?.main ?? p.primary.main,
    '--sy-blue': BLUE[mode],
    '--sy-green': GREEN[mode],
    '--sy-button-bg': p.primary.main,
    '--sy-button-fg': p.background.paper,
    '--sy-input-bg': p.background.paper,
    '--sy-input-fg': p.text.primary,
  };
  if (theme.typography?.fontFamily) vars['--sy-font'] = theme.typography.fontFamily;
  if (theme.typography?.fontSize) vars['--sy-font-size'] = `${theme.typography.fontSize}px`;
  return vars;
}
