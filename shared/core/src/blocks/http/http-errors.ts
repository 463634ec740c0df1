import type { HostAllowList } from './http-hosts';

/** A rendered value that cannot go where it stands; the request is not sent. */
export class HttpValueError extends Error {
  constructor(
    /** What the value is for: `url`, `{{ expr }}`, `header Authorization`, `secret maintenance_token`. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'HttpValueError';
  }
}

/** A request refused before anything was sent: its host is not on the allow-list. */
export class HttpHostRefusedError extends Error {
  readonly notSent = true;
  constructor(
    readonly host: string,
    readonly allowList: HostAllowList,
  ) {
    super(
      `${host} is not on this host's allow-list for http blocks (${allowList.setting}: ${allowList.entries.length ? allowList.entries.join(', ') : 'empty'}); nothing was sent. ` +
        `Ask whoever runs Switchyard here to add "${host}" to ${allowList.setting}, or skip this step with a reason` +
        (/\.(:\d+)?$/.test(host)
          ? ' (a name ending in a dot is another spelling of a name, and is never on the list: write the URL without the dot)'
          : ''),
    );
    this.name = 'HttpHostRefusedError';
  }
}

/** No answer came: `notSent` when the connection was never made (so the request certainly did not reach the server). */
export class HttpSendError extends Error {
  constructor(
    readonly phase: 'connect' | 'timeout' | 'aborted' | 'transport',
    readonly notSent: boolean,
    detail: string,
  ) {
    super(detail);
    this.name = 'HttpSendError';
  }
}

/** The operator declined a mutating request (VS Code's confirmation), or the run stopped while asked: nothing was sent. */
export class HttpDeclinedError extends Error {
  readonly notSent = true;
  constructor(
    readonly method: string,
    readonly url: string,
    /** Why, in words: "the operator declined the confirmation in VS Code". */
    readonly reason: string,
  ) {
    super(`${method} ${url} was not sent: ${reason}; retry the step to be asked again, or skip or abort it`);
    this.name = 'HttpDeclinedError';
  }
}
