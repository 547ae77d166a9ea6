/**
 * Ops with a hand-written backward: the forward runs outside autograd, and the given backward
 * maps the output gradient to input gradients. Used for straight-through quantisation and for
 * fused kernels whose backward is cheaper written by hand than derived.
 */
import { noGrad, record } from "../autograd.ts";
import { checkShape } from "../errors.ts";
import { shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";

export interface CustomOp<Saved> {
  name: string;
  /** Computes the output and whatever backward needs, without recording a graph. */
  forward(inputs: readonly Tensor[]): { output: Tensor; saved: Saved };
  /** Gradient w.r.t. each input (null where none), given the gradient w.r.t. the output. */
  backward(grad: Tensor, saved: Saved, inputs: readonly Tensor[]): readonly (Tensor | null)[];
}

/** Builds a function applying a custom op, whose gradients are checked against input shapes. */
export function defineOp<Saved>(op: CustomOp<Saved>): (...inputs: Tensor[]) => Tensor {
  return (...inputs) => {
    const { output, saved } = noGrad(() => op.forward(inputs));
    return record(output, op.name, inputs, (g) => {
      const grads = op.backward(g, saved, inputs);
      grads.forEach((gi, i) => {
        const x = inputs[i]!;
        checkShape(
          !gi || gi.size === x.size,
          () =>
            `${op.name}: backward gave a gradient of shape ${shapeStr(gi!.shape)} ` +
            `for input ${i} of shape ${shapeStr(x.shape)}`,
        );
      });
      return grads;
    });
  };
}
