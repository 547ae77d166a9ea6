/**
 * DeepSeekMoE feed-forward layer (spec §8): a sqrt-softplus router picking k routed experts per
 * token (learned top-k, or a frozen token-id table on hash layers), clamped SwiGLU experts, and
 * always-on shared experts. Parameters come in as plain tensors so the layer does not depend on
 * how a model stores them. The routing choice is discrete and read to the host; the routing
 * weights, the experts and the gate stay differentiable.
 */
import { linear, type Weight } from "../nn/linear.ts";
import { swiglu } from "../nn/swiglu.ts";
import { fakeQuantMxfp4Ste } from "../quant/qat.ts";
import {
  concat,
  indexAdd,
  noGrad,
  ShapeError,
  shapeStr,
  Tensor,
  tensor,
  topk,
  zeros,
} from "../tensor/index.ts";
import { choose } from "./params.ts";

/** One SwiGLU expert, weights in checkpoint layout (dense or packed). */
export type ExpertWeights = Readonly<{
  w1: Weight; // [F, D] gate projection
  w2: Weight; // [D, F] down projection
  w3: Weight; // [F, D] up projection
}>;

/** Router options. */
export type RouteOptions = Readonly<{
  topk: number; // experts per token k
  routeScale: number; // multiplier on the normalised weights (routed_scaling_factor)
  bias: Tensor | null; // [E] balancing bias, used for selection only
  hashIds: Int32Array | null; // [N] token ids, needed with tid2eid
  tid2eid: Int32Array | null; // [vocab·k] hash-layer table, row-major; null = learned top-k
}>;

/** Routing decision of N tokens. */
export type Routing = {
  weights: Tensor; // [N, k] differentiable w.r.t. h and the gate weight
  experts: Int32Array; // [N·k] chosen expert of token n, slot j at n·k + j
  scores: Tensor; // [N, E] affinities s = sqrt(softplus(h·Wᵀ)) of every expert
};

/**
 * Scores s = sqrt(softplus(h·Wᵀ)); the experts are the top-k of s + bias (or the tid2eid row
 * of each token), and their weights s_sel / Σ s_sel · routeScale.
 * h: [N, D], gateWeight: [E, D] -> weights: [N, k], experts: Int32Array [N·k]
 */
export function route(h: Tensor, gateWeight: Tensor, opts: RouteOptions): Routing {
  if (h.rank !== 2) throw new ShapeError(`route: h must be [N, D], got ${shapeStr(h.shape)}`);
  const [n, e] = [h.shape[0]!, gateWeight.shape[0]!];
  const k = opts.topk;
  if (!Number.isInteger(k) || k < 1 || k > e) {
    throw new RangeError(`route: topk ${k} must be an integer in [1, ${e}] (routed experts)`);
  }
  const scores = linear(h, gateWeight).softplus().sqrt(); // [N, E]
  const experts = opts.tid2eid
    ? hashExperts(opts.tid2eid, opts.hashIds, n, k, e)
    : topkExperts(scores, opts.bias, k);
  const index = tensor(experts, [n, k], { device: h.device });
  const picked = scores.gather(-1, index); // [N, k]
  const weights = picked.div(picked.sum(-1, true)).mul(opts.routeScale);
  return { weights, experts, scores };
}

/** Top-k of the biased scores, computed off the graph: the bias only chooses. */
function topkExperts(scores: Tensor, bias: Tensor | null, k: number): Int32Array {
  const e = scores.shape[1]!;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== e)) {
    throw new ShapeError(`route: bias ${shapeStr(bias.shape)} must be [${e}] (one per expert)`);
  }
  return noGrad(() => {
    const biased = bias ? scores.add(bias) : scores.view();
    const { values, indices } = choose("router top-k", () => topk(biased, k));
    const out = indices.toArray();
    for (const t of [biased, values, indices]) t.dispose();
    return out instanceof Int32Array ? out : Int32Array.from(out);
  });
}

/** The frozen tid2eid rows of the tokens, validated against the vocabulary and E. */
function hashExperts(
  table: Int32Array,
  ids: Int32Array | null,
  n: number,
  k: number,
  e: number,
): Int32Array {
  if (!ids || ids.length !== n) {
    throw new RangeError(`route: hash routing needs ${n} token ids, got ${ids?.length ?? "none"}`);
  }
  if (table.length % k !== 0) {
    throw new RangeError(`route: tid2eid has ${table.length} entries, not a multiple of k = ${k}`);
  }
  const vocab = table.length / k;
  const out = new Int32Array(n * k);
  for (let t = 0; t < n; t++) {
    const id = ids[t]!;
    if (id < 0 || id >= vocab) {
      throw new RangeError(
        `route: token ${t} has id ${id}, outside the tid2eid rows [0, ${vocab})`,
      );
    }
    for (let j = 0; j < k; j++) {
      const ex = table[id * k + j]!;
      if (ex < 0 || ex >= e) {
        throw new RangeError(
          `route: tid2eid[${id}][${j}] = ${ex} (token ${t}) is outside the experts [0, ${e})`,
        );
      }
      out[t * k + j] = ex;
    }
  }
  return out;
}

/**
 * One SwiGLU expert: w2(swiglu(w1·x, w3·x, limit)). With `fakeQuant` its dense weights are
 * MXFP4 fake-quantised with a straight-through backward (QAT); packed weights are already real
 * quantised weights and are used as they are.
 * x: [..., D] -> [..., D]
 */
export function expertFfn(x: Tensor, w: ExpertWeights, limit: number, fakeQuant = false): Tensor {
  const q = (t: Weight): Weight => (fakeQuant && t instanceof Tensor ? fakeQuantMxfp4Ste(t) : t);
  return linear(swiglu(linear(x, q(w.w1)), linear(x, q(w.w3)), limit), q(w.w2));
}

/** Parameters of one MoE layer. */
export type MoeParams = Readonly<{
  gateWeight: Tensor; // [E, D]
  gateBias: Tensor | null; // [E], learned top-k layers only
  tid2eid: Int32Array | null; // [vocab·k], hash layers only
  experts: readonly ExpertWeights[]; // E routed experts
  shared: readonly ExpertWeights[]; // always-on experts
}>;

/** MoE options. */
export type MoeOptions = Readonly<{
  topk: number; // experts per token k
  routeScale: number; // routed_scaling_factor
  swigluLimit: number; // SwiGLU clamp of every routed expert; 0 = off
  clampShared: boolean; // clamp the shared experts as well
  balanceWeight?: number; // sequence-wise balance loss weight α (learned routing only; 0 = off)
  seqLen?: number; // tokens per sequence T for the balance loss (N = B·T)
  qatExperts?: boolean; // MXFP4 fake quantisation of the routed experts (QAT); default off
}>;

/** Output of an MoE layer plus how many token slots each routed expert received. */
export type MoeResult = {
  out: Tensor; // [B, T, D]
  load: Int32Array; // [E]
  balanceLoss: Tensor | null; // sequence-wise balance loss, when asked for
};

/**
 * MoE(h) = Σ_{e∈TopK} w_e E_e(h) + Σ shared(h). Every expert runs only on the rows routed to
 * it; the results are scattered back with one index-add.
 * h: [B, T, D], ids: Int32Array [B·T] (input token ids) -> out: [B, T, D], load: [E]
 */
export function moe(h: Tensor, p: MoeParams, ids: Int32Array, opts: MoeOptions): MoeResult {
  if (h.rank !== 3) throw new ShapeError(`moe: h must be [B, T, D], got ${shapeStr(h.shape)}`);
  const [b, t, d] = h.shape as [number, number, number];
  const n = b * t;
  const e = p.gateWeight.shape[0]!;
  if (p.experts.length !== e) {
    throw new RangeError(`moe: ${p.experts.length} routed experts given, gate has ${e} rows`);
  }
  if (ids.length !== n) {
    throw new RangeError(`moe: ${ids.length} token ids given for ${n} tokens of h`);
  }
  const k = opts.topk;
  const flat = h.reshape([n, d]);
  const { weights, experts, scores } = route(flat, p.gateWeight, {
    topk: k,
    routeScale: opts.routeScale,
    bias: p.gateBias,
    hashIds: ids,
    tid2eid: p.tid2eid,
  });

  // Group the N·k (token, slot) pairs by expert: slots[] lists flat positions n·k + j.
  const load = new Int32Array(e);
  for (const ex of experts) load[ex]!++;
  const start = new Int32Array(e + 1);
  for (let i = 0; i < e; i++) start[i + 1] = start[i]! + load[i]!;
  const fill = start.slice(0, e);
  const slots = new Int32Array(n * k);
  for (let s = 0; s < n * k; s++) slots[fill[experts[s]!]!++] = s;
  const rows = slots.map((s) => Math.floor(s / k));

  const device = h.device;
  let out = zeros([n, d], { dtype: h.dtype, device });
  if (n > 0) {
    const rowIndex = tensor(rows, [n * k], { device });
    const slotIndex = tensor(slots, [n * k], { device });
    const gathered = flat.indexSelect(0, rowIndex); // [N·k, D] grouped by expert
    const parts: Tensor[] = [];
    for (let i = 0; i < e; i++) {
      if (load[i] === 0) continue;
      const xs = gathered.slice(0, start[i]!, start[i + 1]!);
      parts.push(expertFfn(xs, p.experts[i]!, opts.swigluLimit, opts.qatExperts ?? false));
    }
    const w = weights
      .reshape([n * k])
      .indexSelect(0, slotIndex)
      .unsqueeze(-1); // [N·k, 1]
    out = indexAdd(out, 0, rowIndex, concat(parts, 0).mul(w));
  }
  const sharedLimit = opts.clampShared ? opts.swigluLimit : 0;
  for (const s of p.shared) out = out.add(expertFfn(flat, s, sharedLimit));
  const useBalance = (opts.balanceWeight ?? 0) > 0 && !p.tid2eid && n > 0;
  const balanceLoss = useBalance
    ? seqBalanceLoss(scores, experts, b, t, k, opts.balanceWeight!)
    : null;
  return { out: out.reshape([b, t, d]), load, balanceLoss };
}

/**
 * DeepSeek's sequence-wise balance loss: for each sequence, α·Σ_e f_e·P_e with
 * f_e = E/(k·T)·(tokens choosing e) and P_e the mean over the sequence of the normalised
 * affinities s_e / Σ_j s_j; averaged over sequences. Only P carries a gradient.
 * scores: [B·T, E], experts: [B·T·k] -> scalar
 */
export function seqBalanceLoss(
  scores: Tensor,
  experts: Int32Array,
  batch: number,
  seqLen: number,
  k: number,
  alpha: number,
): Tensor {
  const e = scores.shape[1]!;
  const counts = new Float64Array(batch * e);
  experts.forEach((ex, slot) => {
    counts[Math.floor(slot / (seqLen * k)) * e + ex]! += e / (k * seqLen);
  });
  const f = tensor(counts, [batch, 1, e], { dtype: scores.dtype, device: scores.device });
  const normalised = scores.div(scores.sum(-1, true)).reshape([batch, seqLen, e]);
  const pMean = normalised.mean(1, true); // [B, 1, E]
  return f
    .mul(pMean)
    .sum()
    .mul(alpha / batch);
}
