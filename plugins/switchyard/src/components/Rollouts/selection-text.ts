/**
 * The selection the start dialog's fields make, in the one selection language the core parses
 * (rollout/selection.ts, the CLI's `--select`): the dialog only joins what was picked; the backend
 * checks it (unknown clusters, clusters that are not yours) and says what is wrong.
 */
export type SelectionMode = 'list' | 'tag' | 'version' | 'expression';

export interface SelectionFields {
  clusters: string[];
  /** `team=payments` as typed. */
  tag: string;
  /** `<engine> <version>`, as the version menu offers it. */
  version: string;
  expression: string;
}

export function selectionOf(mode: SelectionMode, fields: SelectionFields): string {
  switch (mode) {
    case 'list':
      return fields.clusters.join(',');
    case 'tag':
      return fields.tag.trim();
    case 'version': {
      const [engine, version] = fields.version.trim().split(/\s+/);
      return engine && version ? `engine=${engine},version=${version}` : '';
    }
    case 'expression':
      return fields.expression.trim();
  }
}
