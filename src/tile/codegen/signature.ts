/** The target-neutral argument list of a compiled kernel. */
import type { Kernel } from "../ir.ts";
import type { KernelSignature } from "../target.ts";

/** The target-neutral description of a kernel's arguments. */
export function signatureOf(kernel: Kernel): KernelSignature {
  return {
    tensors: kernel.tensors.map((t) => ({ name: t.name, dtype: t.dtype, access: t.access })),
    sizes: kernel.sizes.map((s) => s.name),
    scalars: kernel.scalars.map((s) => ({ name: s.name, type: s.type })),
  };
}
