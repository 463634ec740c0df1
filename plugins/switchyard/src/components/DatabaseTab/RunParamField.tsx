import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { paramLabel, paramOptions, type ParamOption, type ParamValues, type RunbookParam } from '@switchyard/ui';
import type { Topology } from '@switchyard/backstage-plugin-switchyard-common';

export interface RunParamFieldProps {
  param: RunbookParam;
  runbookId: string;
  value: string | number | boolean;
  values: ParamValues;
  topology: Topology | undefined;
  error?: string;
  onChange(value: string | boolean): void;
}

/**
 * One runbook param as a Backstage (MUI) field: labelled by its description, with the rest of the
 * description as help, a select of the valid choices where they are known (core param-choices),
 * else a text field typed by the param.
 */
export function RunParamField({ param, runbookId, value, values, topology, error, onChange }: RunParamFieldProps) {
  const { label, help } = paramLabel(param);
  const id = `switchyard-param-${runbookId.replace(/[^A-Za-z0-9_-]/g, '_')}-${param.name}`;
  const helperText = error ?? help;

  if (param.type === 'boolean') {
    return (
      <FormControl error={!!error} margin="dense" fullWidth data-testid={`param-${param.name}`}>
        <FormControlLabel
          control={<Checkbox id={id} color="primary" checked={value === true} onChange={(e) => onChange(e.target.checked)} />}
          label={label}
        />
        {helperText && <FormHelperText>{helperText}</FormHelperText>}
      </FormControl>
    );
  }

  const options = paramOptions(param, values, { topology: topology ?? null });
  if (options) {
    return (
      <TextField
        id={id}
        select
        fullWidth
        margin="dense"
        variant="outlined"
        label={label}
        helperText={helperText}
        error={!!error}
        required={param.required}
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        data-testid={`param-${param.name}`}
      >
        {withCurrent(options, value, param).map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    );
  }

  const placeholder =
    param.type === 'duration'
      ? 'e.g. 30s, 2m, 1h30m'
      : param.type === 'sql'
        ? 'select … (runs as written, read-only)'
        : param.type === 'rds-instance'
          ? 'instance identifier'
          : undefined;
  return (
    <TextField
      id={id}
      fullWidth
      margin="dense"
      variant="outlined"
      label={label}
      helperText={helperText}
      error={!!error}
      required={param.required}
      type={param.secret ? 'password' : param.type === 'number' ? 'number' : 'text'}
      autoComplete={param.secret ? 'off' : undefined}
      multiline={param.type === 'sql'}
      minRows={param.type === 'sql' ? 3 : undefined}
      placeholder={placeholder}
      value={String(value)}
      onChange={(e) => onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
      inputProps={param.type === 'sql' ? { spellCheck: false } : undefined}
      data-testid={`param-${param.name}`}
    />
  );
}

/** The choices, with an empty entry for an optional param (or while nothing is chosen) and a typed-in value kept visible. */
function withCurrent(options: ParamOption[], value: string | number | boolean, param: RunbookParam): ParamOption[] {
  const out: ParamOption[] = [];
  if (!param.required) out.push({ value: '', label: param.promotes ? '(none: Aurora picks the reader)' : '(none)' });
  else if (value === '') out.push({ value: '', label: '— choose —' });
  const v = String(value);
  if (v !== '' && !options.some((o) => o.value === v)) out.push({ value: v, label: v });
  return [...out, ...options];
}
