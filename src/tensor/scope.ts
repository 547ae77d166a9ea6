/**
 * Deterministic memory release. Every tensor created while a scope is open belongs to it; when
 * the scope closes, its tensors are disposed except those it returns and those kept. Tensors
 * created outside any scope (parameters, long-lived state) live until disposed explicitly.
 */
import type { Tensor } from "./tensor.ts";

const scopes: Set<Tensor>[] = [];

export function trackTensor(t: Tensor): void {
  scopes[scopes.length - 1]?.add(t);
}

/** Removes a tensor from every open scope, so it outlives them. Returns it for chaining. */
export function keep<T extends Tensor>(t: T): T {
  for (const s of scopes) s.delete(t);
  return t;
}

type Kept = Tensor | readonly Kept[] | { readonly [key: string]: Kept } | number | undefined | null;

function collect(value: unknown, into: Set<Tensor>, isTensor: (v: unknown) => v is Tensor): void {
  if (isTensor(value)) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, into, isTensor);
  else if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) collect(v, into, isTensor);
  }
}

let tensorGuard: ((v: unknown) => v is Tensor) | null = null;

/** Registered by tensor.ts so this module needs no runtime import of the Tensor class. */
export function setTensorGuard(guard: (v: unknown) => v is Tensor): void {
  tensorGuard = guard;
}

/**
 * Runs `fn` in a new scope. Tensors reachable from its result (directly, in arrays or in plain
 * objects) survive into the enclosing scope; every other tensor it created is disposed.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Tensor>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (err) {
    scopes.pop();
    for (const t of scope) t.dispose();
    throw err;
  }
  scopes.pop();
  const survivors = new Set<Tensor>();
  if (tensorGuard) collect(result as Kept, survivors, tensorGuard);
  for (const t of scope) {
    if (survivors.has(t)) trackTensor(t);
    else t.dispose();
  }
  return result;
}

/** Number of open scopes (for tests and debugging). */
export function scopeDepth(): number {
  return scopes.length;
}
