import { useEffect, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { DEV_USERS, USER_COOKIE } from './users';

// The sidebar is dark in both themes: the switcher takes the sidebar's own text colours (the
// default input colours were dark grey on near-black, 1.1:1).
const useStyles = makeStyles({
  label: { color: '#e0e0e0', '&.Mui-focused': { color: '#ffffff' } },
  input: {
    color: '#ffffff',
    '&:before': { borderBottomColor: '#9e9e9e' },
    '&:hover:not(.Mui-disabled):before': { borderBottomColor: '#ffffff' },
  },
  icon: { color: '#e0e0e0' },
});

/**
 * Dev only: who you are. Sets the cookie the dev sign-in provider reads and reloads, so one person
 * can start a run as alice and approve it as bob (four eyes) in the same browser.
 */
export function UserSwitcher() {
  const classes = useStyles();
  const identityApi = useApi(identityApiRef);
  const [user, setUser] = useState('');
  useEffect(() => {
    identityApi.getBackstageIdentity().then((id) => setUser(id.userEntityRef.replace(/^user:(default\/)?/, '')));
  }, [identityApi]);

  const switchTo = (name: string) => {
    document.cookie = `${USER_COOKIE}=${encodeURIComponent(name)}; path=/; SameSite=Lax`;
    window.location.reload();
  };

  return (
    <Box px={2} py={1}>
      <TextField
        select
        size="small"
        label="Signed in as"
        value={DEV_USERS.includes(user as (typeof DEV_USERS)[number]) ? user : ''}
        onChange={(e) => switchTo(e.target.value)}
        inputProps={{ 'data-testid': 'user-switcher' }}
        InputLabelProps={{ className: classes.label }}
        InputProps={{ className: classes.input }}
        SelectProps={{ classes: { icon: classes.icon } }}
        style={{ minWidth: 140 }}
      >
        {DEV_USERS.map((u) => (
          <MenuItem key={u} value={u}>
            {u}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
