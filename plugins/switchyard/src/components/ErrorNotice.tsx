import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SwitchyardRequestError } from '../api/errors';

/** A failure said plainly: "Not allowed" for 401/403 with the server's reason, else what failed and why. */
export function ErrorNotice({ error, title }: { error: Error; title?: string }) {
  const forbidden = error instanceof SwitchyardRequestError && error.forbidden;
  return (
    <Box
      role="alert"
      data-testid={forbidden ? 'switchyard-forbidden' : 'switchyard-error'}
      border={1}
      borderColor={forbidden ? 'warning.main' : 'error.main'}
      borderRadius={4}
      p={1.5}
      my={1}
    >
      <Typography variant="subtitle2">{title ?? (forbidden ? 'Not allowed' : 'Something went wrong')}</Typography>
      <Typography variant="body2">{error.message}</Typography>
    </Box>
  );
}
