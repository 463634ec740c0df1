/**
 * A form generated from a runbook's params: pickers filled from the live topology for AWS
 * resources, typed inputs for the rest, required marks, defaults and enumerations. Each param is
 * labelled by its description's first clause (paramLabel), the rest is its help. A param the host
 * marks `unavailable` (only data guards read it, and their connections are not configured) is not
 * asked for; the form says so. It does not start the run itself: `onSubmit` gets the typed values
 * and the host posts them.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { Topology } from '@switchyard/core';
import type { ClusterOption, ParamValues, RunbookForForm, RunbookParam } from './api-types';
import { paramLabel } from './param-label';
import { initialParamValues, paramOptions } from './param-options';
import { toSubmitted, validateParams } from './param-validation';

export interface SubmitOptions {
  dryRun: boolean;
}

export interface RunbookParamsFormProps {
  runbook: RunbookForForm;
  topology?: Topology | null;
  /** Clusters the pickers may offer besides the one in `topology` (e.g. the fleet). */
  clusters?: ClusterOption[];
  onSubmit: (params: ParamValues, options: SubmitOptions) => void;
  /** True while the host is starting the run: the button is disabled and says so. */
  submitting?: boolean;
  /** Offer a "Dry run" checkbox (the run previews mutating calls without sending them). */
  allowDryRun?: boolean;
  /** An error from the host (e.g. the server refused the run), shown above the button. */
  error?: string;
}

function fieldId(runbook: string, name: string): string {
  return `sy-param-${runbook.replace(/[^A-Za-z0-9_-]/g, '_')}-${name}`;
}

function Field({
  param,
  id,
  value,
  values,
  error,
  sources,
  onChange,
}: {
  param: RunbookParam;
  id: string;
  value: string | number | boolean;
  values: ParamValues;
  error?: string;
  sources: { topology?: Topology | null; clusters?: ClusterOption[] };
  onChange: (value: string | boolean) => void;
}) {
  const { label, help } = paramLabel(param);
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: param.name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
  let input;
  if (param.type === 'boolean') {
    input = (
      <input {...common} type="checkbox" className="sy-checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    );
  } else {
    const options = paramOptions(param, values, sources);
    if (options) {
      const known = options.some((o) => o.value === String(value));
      input = (
        <select {...common} className="sy-input" required={param.required} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {(!param.required || value === '') && (
            <option value="">{param.required ? '— choose —' : param.promotes ? '(none: Aurora picks the reader)' : '(none)'}</option>
          )}
          {!known && value !== '' && <option value={String(value)}>{String(value)}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    } else if (param.type === 'sql') {
      // SQL text that runs as is (read-only unless the block writes): a multi-line editor.
      input = (
        <textarea
          {...common}
          className="sy-input sy-input--sql"
          rows={4}
          spellCheck={false}
          required={param.required}
          placeholder="select … (runs as written, read-only)"
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    } else {
      const placeholder =
        param.type === 'duration' ? 'e.g. 30s, 2m, 1h30m' : param.type === 'rds-instance' ? 'instance identifier' : undefined;
      input = (
        <input
          {...common}
          className="sy-input"
          type={param.secret ? 'password' : param.type === 'number' ? 'number' : 'text'}
          autoComplete={param.secret ? 'off' : undefined}
          inputMode={param.type === 'number' ? 'decimal' : undefined}
          step={param.type === 'number' ? 'any' : undefined}
          required={param.required}
          placeholder={placeholder}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
  }
  return (
    <div className={`sy-field sy-field--${param.type}`} data-testid={`param-${param.name}`}>
      <label htmlFor={id} className="sy-field__label">
        {label}
        {param.required && (
          <span className="sy-field__required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        <span className="sy-field__type" title={param.name}>
          {' '}
          {param.type}
        </span>
      </label>
      {input}
      {help && (
        <div id={`${id}-help`} className="sy-field__help">
          {help}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="sy-field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function RunbookParamsForm({ runbook, topology, clusters, onSubmit, submitting, allowDryRun, error }: RunbookParamsFormProps) {
  const sources = useMemo(() => ({ topology, clusters }), [topology, clusters]);
  const [values, setValues] = useState<ParamValues>(() => initialParamValues(runbook.params, sources));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dryRun, setDryRun] = useState(false);
  const shown = useMemo(() => runbook.params.filter((p) => !p.unavailable), [runbook]);
  const hidden = runbook.params.filter((p) => p.unavailable);

  const change = (param: RunbookParam, value: string | boolean) => {
    setValues((prev) => {
      const next = { ...prev, [param.name]: value };
      // A new cluster invalidates an instance chosen among the old one's members.
      for (const p of runbook.params) if (p.type === 'rds-instance' && p.of === param.name && prev[param.name] !== value) next[p.name] = '';
      return next;
    });
    setErrors((prev) => {
      const rest = { ...prev };
      delete rest[param.name];
      return rest;
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateParams(shown, values, (p) => paramLabel(p).label);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit(toSubmitted(shown, values), { dryRun });
  };

  return (
    <form className="sy sy-form" aria-label={`Parameters of ${runbook.title}`} noValidate onSubmit={submit}>
      {runbook.params.length === 0 && <p className="sy-muted">This runbook takes no parameters.</p>}
      {shown.map((p) => (
        <Field
          key={p.name}
          param={p}
          id={fieldId(runbook.id, p.name)}
          value={values[p.name] ?? ''}
          values={values}
          error={errors[p.name]}
          sources={sources}
          onChange={(v) => change(p, v)}
        />
      ))}
      {hidden.length > 0 && (
        <p className="sy-muted" data-testid="params-not-asked">
          Not asked: {hidden.map((p) => paramLabel(p).label.toLowerCase()).join('; ')} — {hidden[0].unavailable}, so those checks are
          skipped.
        </p>
      )}
      {allowDryRun && (
        <label className="sy-field sy-field--inline">
          <input type="checkbox" className="sy-checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (preview
          mutating calls, send none)
        </label>
      )}
      {error && (
        <div className="sy-form__error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="sy-button sy-button--primary" disabled={submitting}>
        {submitting ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}
