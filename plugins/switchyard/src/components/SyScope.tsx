import type { CSSProperties, ReactNode } from 'react';
import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { backstageThemeVars, type BackstageLikeTheme } from '@switchyard/ui';
import '@switchyard/ui/styles.css';

/** Maps the Backstage (MUI v4) theme onto the `--sy-*` variables the shared components draw with. */
export function SyScope({ children }: { children: ReactNode }) {
  const theme = useTheme();
  const style = useMemo(() => backstageThemeVars(theme as unknown as BackstageLikeTheme) as CSSProperties, [theme]);
  return (
    <div className="sy-scope" style={style}>
      {children}
    </div>
  );
}
