/**
 * A jest reporter that keeps a leaked handle (a timer, a server, a socket a test forgot to close)
 * from hanging the run. CI runs jest in band on 2 cores, so one leaked interval kept the process
 * alive after every test had passed, until CI's 90-minute limit. Thirty seconds after the run
 * completes, if the process is still alive, this says so — loudly, with how to find the leak —
 * and exits with the run's own result (failed tests still fail). A clean run exits before it fires.
 */
const GRACE_MS = 30_000;

class ExitGuardReporter {
  onRunComplete(_contexts, results) {
    const code = results.success ? 0 : 1;
    setTimeout(() => {
      console.error(
        `\nSwitchyard: jest was still running ${GRACE_MS / 1000} s after the tests ended: something a test started was never closed ` +
          "(a timer, a server, a child process). Exiting with the tests' own result. Find it with " +
          '`npx jest --runInBand --detectOpenHandles <the suites changed lately>`.',
      );
      process.exit(code);
    }, GRACE_MS).unref();
  }
}

module.exports = ExitGuardReporter;
