/** The kinds of resource the live views read one at a time (the observe sources' names for them). */
export type ResourceKind = 'cluster' | 'instance' | 'global-cluster' | 'blue-green';

const WORDS: Record<ResourceKind, string> = {
  cluster: 'cluster',
  instance: 'instance',
  'global-cluster': 'global cluster',
  'blue-green': 'blue/green deployment',
};

/** AWS has no such resource in that region (as opposed to AWS not answering). */
export class ResourceNotFoundError extends Error {
  constructor(
    readonly kind: ResourceKind,
    /** The id (or a blue/green deployment's name) that was asked for. */
    readonly id: string,
    readonly region: string,
    options?: { cause?: unknown },
  ) {
    super(`${WORDS[kind]} ${id} not found in ${region}`, options);
    this.name = 'ResourceNotFoundError';
  }
}

/** `read`'s result, or undefined when it found no such resource; other failures stay failures. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ResourceNotFoundError) return undefined;
    throw error;
  }
}
