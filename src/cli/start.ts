/** `tessera start`: the default job a new user runs with `npm start`. */
import { HELP } from "./help.ts";

export async function runStart(_args: string[]): Promise<number> {
  process.stdout.write(HELP);
  return 0;
}
