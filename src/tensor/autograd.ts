/**
 * Reverse-mode automatic differentiation. Each op that sees an input requiring grad attaches a
 * node to its output holding the inputs and a backward closure. `backward` walks the graph in
 * reverse topological order, accumulating gradients; leaves receive them in `.grad`.
 */
import { checkArg, checkDType, checkShape } from "./errors.ts";
import { keep, tidy } from "./scope.ts";
import { sameShape, shapeStr } from "./shape.ts";
import type { Tensor } from "./tensor.ts";

export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradient of the loss w.r.t. each input, given the gradient w.r.t. the output. */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording the graph (inference, optimizer updates). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Attaches a node to `out` when grad is enabled and any input requires it. */
export function record(
  out: Tensor,
  op: string,
  inputs: readonly Tensor[],
  backward: GradNode["backward"],
): Tensor {
  if (gradEnabled && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    out.node = { op, inputs, backward };
  }
  return out;
}

function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: models are deep enough to overflow the call stack with recursion.
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [t, i] = top;
    const inputs = t.node?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const next = inputs[i]!;
      if (next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(t);
      stack.pop();
    }
  }
  return order.reverse();
}

/**
 * Back-propagates from `root`. Without `grad`, root must hold a single element and the seed is 1.
 * Every gradient in flight is owned here and disposed as soon as it has been propagated, so the
 * peak memory of a backward pass is the graph's saved tensors plus one frontier of gradients.
 */
export function backward(root: Tensor, grad?: Tensor): void {
  checkArg(root.requiresGrad, () => "backward: the tensor does not require grad");
  if (!grad) {
    checkArg(
      root.size === 1,
      () => `backward: a tensor of shape ${shapeStr(root.shape)} needs an explicit gradient`,
    );
  } else {
    checkShape(
      sameShape(grad.shape, root.shape),
      () => `backward: grad shape ${shapeStr(grad.shape)} must match ${shapeStr(root.shape)}`,
    );
    checkDType(
      grad.dtype === root.dtype,
      () => `backward: grad dtype ${grad.dtype} must match the tensor's ${root.dtype}`,
    );
  }
  // The scope releases every temporary the backward closures make; leaf grads are kept.
  tidy(() =>
    noGrad(() => {
      const seed = grad ? grad.view() : root.onesLike();
      const grads = new Map<Tensor, Tensor>([[root, seed]]);
      for (const t of topoOrder(root)) {
        const g = grads.get(t);
        if (!g) continue;
        grads.delete(t);
        if (!t.node) {
          accumulateLeaf(t, g);
          continue;
        }
        const inputGrads = t.node.backward(g);
        t.node.inputs.forEach((input, k) => {
          let ig = inputGrads[k];
          if (!ig) return;
          if (ig === g) ig = g.view();
          if (!input.requiresGrad) {
            ig.dispose();
            return;
          }
          const prev = grads.get(input);
          if (prev) {
            grads.set(input, prev.add(ig));
            prev.dispose();
            ig.dispose();
          } else {
            grads.set(input, ig);
          }
        });
        g.dispose();
      }
      for (const g of grads.values()) g.dispose();
    }),
  );
}

function accumulateLeaf(leaf: Tensor, g: Tensor): void {
  const shaped = g.reshape(leaf.shape);
  g.dispose();
  if (leaf.grad) {
    const sum = leaf.grad.add(shaped);
    leaf.grad.dispose();
    shaped.dispose();
    leaf.grad = keep(sum);
  } else {
    // A view would pin the whole buffer it came from, or share it with another gradient (or
    // the caller's seed): keep it only when it is the sole owner of a buffer it fills.
    const compact =
      shaped.isContiguous &&
      shaped.size === shaped.storage.buffer.length &&
      shaped.storage.refs === 1;
    leaf.grad = keep(compact ? shaped : shaped.clone());
    if (!compact) shaped.dispose();
  }
}
