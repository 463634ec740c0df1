import { useEffect, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { DEV_USERS, USER_COOKIE } from './users';

/**
 * Dev only: who you are. Sets the cookie the dev sign-in provider reads and reloads, so one person
 * can start a run as alice and approve it as bob (four eyes) in the same browser.
 */
export function UserSwitcher() {
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
