/**
 * Host-side evaluation of a kernel's grid from run-time values, shared by the interpreter and
 * the compiled kernels' `dispatch`/`gridSize`, so all executors agree on the block count.
 */
import type { ExprNode, Kernel } from "./ir.ts";
import { evalBinary, evalUnary } from "./scalar-math.ts";
import type { RuntimeValues } from "./target.ts";

/** Checks that every size and scalar of the kernel has a usable value. */
export function checkValues(kernel: Kernel, values: RuntimeValues): void {
  for (const s of kernel.sizes) {
    const v = values[s.name];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > 2147483647) {
      throw new RangeError(`${kernel.name}: size "${s.name}" must be an integer >= 0, got ${v}`);
    }
  }
  for (const s of kernel.scalars) {
    const v = values[s.name];
    if (v === undefined || (s.type === "i32" ? !Number.isInteger(v) : typeof v !== "number")) {
      throw new RangeError(`${kernel.name}: scalar "${s.name}" must be ${s.type}, got ${v}`);
    }
  }
}

/** Value of an expression over sizes and scalars only (grid dims, tensor dims). */
export function evalHost(n: ExprNode, values: RuntimeValues): number {
  switch (n.op) {
    case "const":
      return n.value;
    case "sym": {
      const v = values[n.sym.name];
      if (v === undefined) throw new RangeError(`missing run-time value "${n.sym.name}"`);
      return v;
    }
    case "unary":
      return evalUnary(n.fn, n.type, evalHost(n.a, values));
    case "binary":
      return evalBinary(n.fn, n.type, evalHost(n.a, values), evalHost(n.b, values));
    case "select":
      return evalHost(n.cond, values) ? evalHost(n.a, values) : evalHost(n.b, values);
    case "load":
      throw new RangeError("a host expression cannot read a tensor");
  }
}

/** Blocks per grid dim. */
export function gridDims(kernel: Kernel, values: RuntimeValues): number[] {
  return kernel.grid.map((g) => Math.max(0, evalHost(g, values)));
}

/** Total number of blocks of the linearised grid. */
export function gridSize(kernel: Kernel, values: RuntimeValues): number {
  return gridDims(kernel, values).reduce((p, d) => p * d, 1);
}
