import { simulatorMain } from '@switchyard/simulator';

/** `switchyard sim [--port] [--fleet demo|N] [--time-scale X] [--state file]`: the local AWS simulator. */
export async function simCommand(argv: string[]): Promise<number> {
  await simulatorMain(argv);
  return 0;
}
