import { backstageThemeVars } from './backstage-theme';

const DARK = {
  palette: {
    type: 'dark' as const,
    text: { primary: '#fff', secondary: '#aaa' },
    background: { default: '#333', paper: '#424242' },
    primary: { main: '#9cc9ff' },
    divider: 'rgba(255,255,255,0.12)',
    error: { main: '#f88' },
    warning: { main: '#fb5' },
    success: { main: '#7c7' },
  },
  typography: { fontFamily: 'Helvetica', fontSize: 14 },
};

describe('backstageThemeVars', () => {
  it('maps the palette to --sy-* variables', () => {
    const vars = backstageThemeVars(DARK);
    expect(vars['--sy-fg']).toBe('#fff');
    expect(vars['--sy-muted']).toBe('#aaa');
    expect(vars['--sy-bg']).toBe('#333');
    expect(vars['--sy-surface']).toBe('#424242');
    expect(vars['--sy-border']).toBe('rgba(255,255,255,0.12)');
    expect(vars['--sy-accent']).toBe('#9cc9ff');
    expect(vars['--sy-error']).toBe('#f88');
    expect(vars['--sy-warn']).toBe('#fb5');
    expect(vars['--sy-ok']).toBe('#7c7');
    expect(vars['--sy-font']).toBe('Helvetica');
    expect(vars['--sy-font-size']).toBe('14px');
  });

  it('picks blue and green that read on the theme’s background', () => {
    const light = backstageThemeVars({ ...DARK, palette: { ...DARK.palette, type: 'light' } });
    expect(backstageThemeVars(DARK)['--sy-blue']).not.toBe(light['--sy-blue']);
    expect(backstageThemeVars(DARK)['--sy-green']).not.toBe(light['--sy-green']);
  });

  it('sets only --sy-* keys, so it can be spread into a style prop', () => {
    expect(Object.keys(backstageThemeVars(DARK)).every((k) => k.startsWith('--sy-'))).toBe(true);
  });
});
