/**
 * Sends a control the user chose. A promise keeps the view busy until it settles; a failure, thrown
 * or rejected, is shown as "<label> failed: …".
 */
export function sendControl(
  label: string,
  send: () => void | Promise<unknown>,
  view: { setBusy: (busy: boolean) => void; setFailure: (text: string) => void },
): void {
  const fail = (e: unknown) => view.setFailure(`${label} failed: ${e instanceof Error ? e.message : String(e)}`);
  let result: void | Promise<unknown>;
  try {
    result = send();
  } catch (e) {
    return fail(e);
  }
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    view.setBusy(true);
    (result as Promise<unknown>).then(
      () => view.setBusy(false),
      (e: unknown) => {
        view.setBusy(false);
        fail(e);
      },
    );
  }
}
