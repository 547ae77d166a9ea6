/** `npm run bench -- <suite> [options]`: runs one benchmark suite, or all of them. */
import { benchKernels } from "./kernels.ts";
import { benchMatmul } from "./matmul.ts";
import { benchQat } from "./qat.ts";
import { benchShakespeare } from "./shakespeare.ts";

const SUITES: Record<string, (args: string[]) => Promise<void>> = {
  matmul: benchMatmul,
  kernels: benchKernels,
  qat: benchQat,
  shakespeare: benchShakespeare,
};

const [name, ...rest] = process.argv.slice(2);
if (name !== undefined && !(name in SUITES)) {
  process.stderr.write(
    `bench: unknown suite "${name}"; known: ${Object.keys(SUITES).join(", ")}\n`,
  );
  process.exit(2);
}
for (const [suite, run] of Object.entries(SUITES)) {
  if (name === undefined || name === suite) await run(rest);
}
