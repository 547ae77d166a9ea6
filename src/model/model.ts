/**
 * The DeepSeek-V4 model (spec §2): embedding → 4 copies as mHC streams → decoder blocks →
 * head collapse → final RMSNorm → head; plus the MTP block(s) (spec §9). `forward` runs whole
 * sequences (training, prefill); `decodeStep` extends a cache by one token per sequence.
 */
import { embed } from "../nn/embedding.ts";
import { linear } from "../nn/linear.ts";
import { rmsNorm } from "../nn/rmsnorm.ts";
import { full, keep, noGrad, type Tensor, tensor } from "../tensor/index.ts";
import { type BlockRun, runBlock } from "./block.ts";
import type { LayerCache, ModelCache } from "./cache.ts";
import type { ModelConfig } from "./config.ts";
import type { Selection } from "./indexer.ts";
import { hcHead } from "./mhc.ts";
import {
  ModelError,
  NO_PACKED,
  type PackedParams,
  type Params,
  param,
  weightParam,
} from "./params.ts";
import type { QatOptions } from "./qat.ts";
import { type RopeTable, ropeTableFor } from "./rope-table.ts";
import { type BlockPlan, type LayerSchedule, layerSchedule } from "./schedule.ts";

export interface Model {
  readonly cfg: ModelConfig;
  readonly params: Params;
  /** Linear weights kept in packed storage (quantized checkpoints), by name; else empty. */
  readonly packed: PackedParams;
  readonly schedule: LayerSchedule;
  readonly ropes: { layers: RopeTable[]; mtp: RopeTable[] };
  /** tid2eid tables of hash layers, read once to the host. */
  readonly tid2eid: Map<string, Int32Array>;
}

/**
 * A model over `params` (dense tensors) and `packed` (linear weights a quantized checkpoint
 * keeps packed, e.g. MXFP4 experts; no name may be in both).
 */
export function createModel(
  cfg: ModelConfig,
  params: Params,
  packed: PackedParams = NO_PACKED,
): Model {
  for (const name of packed.keys()) {
    if (params.has(name)) {
      throw new ModelError(`createModel: "${name}" is given both packed and as a tensor`);
    }
  }
  const schedule = layerSchedule(cfg);
  const tid2eid = new Map<string, Int32Array>();
  for (const plan of schedule.layers) {
    if (plan.routing !== "hash") continue;
    const name = `${plan.prefix}.ffn.gate.tid2eid`;
    tid2eid.set(plan.prefix, Int32Array.from(param(params, name).toArray()));
  }
  return {
    cfg,
    params,
    packed,
    schedule,
    ropes: {
      layers: schedule.layers.map((p) => ropeTableFor(cfg, p)),
      mtp: schedule.mtp.map((p) => ropeTableFor(cfg, p)),
    },
    tid2eid,
  };
}

export interface ForwardOptions {
  /** Filled as by a prefill (sequences start at position 0). */
  cache?: ModelCache;
  indexerMode?: "dense" | "sparse";
  /** Compute the indexer's loss in CSA layers (training). */
  trainIndexer?: boolean;
  /** Keep the streams after every block. */
  collectHidden?: boolean;
  /** Token t+1 of every position [B·T]: runs the MTP block(s) when given. */
  mtpIds?: Int32Array;
  /** Weight of the sequence-wise balance loss of learned-routing blocks (default 0 = off). */
  balanceWeight?: number;
  /** MXFP4 quantization-aware training of the experts and/or the indexer (default off). */
  qat?: QatOptions;
}

export interface ForwardOutput {
  /** [B, T, V] */
  logits: Tensor;
  /** Streams after the last block, [B, T, hc, D]. */
  streams: Tensor;
  /** Streams after each block (collectHidden). */
  hidden: Tensor[];
  /** CSA layers' indexer choices, by layer index. */
  selections: Map<number, Selection>;
  /** MTP logits [B, T, V] per MTP block (mtpIds). */
  mtpLogits: Tensor[];
  /** Sum over CSA layers of the indexer loss (trainIndexer), else null. */
  indexerLoss: Tensor | null;
  /** Tokens per routed expert, per block (decoder layers, then MTP blocks). */
  load: Int32Array[];
  /** Sum of the blocks' sequence-wise balance losses (balanceWeight > 0), else null. */
  balanceLoss: Tensor | null;
}

function blockRun(model: Model, plan: BlockPlan, rope: RopeTable, opts: ForwardOptions): BlockRun {
  return {
    cfg: model.cfg,
    params: model.params,
    plan,
    rope,
    indexerMode: opts.indexerMode ?? "sparse",
    trainIndexer: opts.trainIndexer ?? false,
    tid2eid: model.tid2eid.get(plan.prefix) ?? null,
    balanceWeight: opts.balanceWeight ?? 0,
    packed: model.packed,
    qat: opts.qat ?? null,
  };
}

/** Logits of final streams through a head collapse (`prefix` "" or "mtp.i."), norm and head. */
function head(model: Model, streams: Tensor, prefix: string): Tensor {
  const { cfg, params } = model;
  const y = hcHead(
    streams,
    param(params, `${prefix}hc_head_fn`),
    param(params, `${prefix}hc_head_scale`),
    param(params, `${prefix}hc_head_base`),
    { eps: cfg.hcEps, normEps: cfg.rmsNormEps },
  );
  const headWeight = param(params, cfg.tieWordEmbeddings ? "embed.weight" : "head.weight");
  return linear(rmsNorm(y, param(params, `${prefix}norm.weight`), cfg.rmsNormEps), headWeight);
}

function checkIds(model: Model, ids: Int32Array, B: number, T: number): void {
  if (ids.length !== B * T) {
    throw new ModelError(`forward: ${ids.length} token ids do not fill [${B}, ${T}]`);
  }
  const V = model.cfg.vocabSize;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!(id >= 0 && id < V)) {
      throw new ModelError(
        `forward: token id ${id} at position ${i} is outside the vocabulary [0, ${V})`,
      );
    }
  }
}

/** The embedding copied into every mHC stream: ids [B·T] -> [B, T, hc, D]. */
function embedStreams(model: Model, ids: Int32Array, B: number, T: number): Tensor {
  const { cfg } = model;
  const e = embed(param(model.params, "embed.weight"), tensor(ids, [B, T]));
  return e.unsqueeze(2).expand([B, T, cfg.hcMult, cfg.hiddenSize]);
}

/** An output to fill block by block; logits and streams are replaced at the end. */
function emptyOutput(x: Tensor): ForwardOutput {
  return {
    logits: x,
    streams: x,
    hidden: [],
    selections: new Map(),
    mtpLogits: [],
    indexerLoss: null,
    load: [],
    balanceLoss: null,
  };
}

/** Whole sequences from position 0: ids [B·T] row-major -> logits [B, T, V] and more. */
export function forward(
  model: Model,
  ids: Int32Array,
  B: number,
  T: number,
  opts: ForwardOptions = {},
): ForwardOutput {
  checkIds(model, ids, B, T);
  let x = embedStreams(model, ids, B, T);
  const out = emptyOutput(x);
  const addBalance = (loss: Tensor | null) => {
    if (loss) out.balanceLoss = out.balanceLoss ? out.balanceLoss.add(loss) : loss;
  };
  model.schedule.layers.forEach((plan, l) => {
    const run = blockRun(model, plan, model.ropes.layers[l]!, opts);
    const r = runBlock(run, x, ids, opts.cache?.layers[l] ?? null);
    addBalance(r.balanceLoss);
    x = r.streams;
    if (opts.collectHidden) out.hidden.push(x);
    if (r.attn.selection) out.selections.set(l, r.attn.selection);
    if (r.attn.indexerLoss) {
      out.indexerLoss = out.indexerLoss
        ? out.indexerLoss.add(r.attn.indexerLoss)
        : r.attn.indexerLoss;
    }
    out.load.push(r.load);
  });
  out.streams = x;
  out.logits = head(model, x, "");
  if (opts.mtpIds) {
    const { streams, logits, load, balanceLoss } = mtpForward(model, x, opts.mtpIds, B, T, opts);
    addBalance(balanceLoss);
    out.mtpLogits = logits;
    out.load.push(...load);
    if (opts.collectHidden) out.hidden.push(...streams);
  }
  if (opts.cache) opts.cache.length = T;
  return out;
}

/**
 * MTP blocks (spec §9): block i combines the previous streams at t with the embedding of token
 * t + 1 + i, so its logits at t predict token t + 2 + i. streams: [B, T, hc, D],
 * nextIds: [B·T] (token t + 1 of each position).
 */
export function mtpForward(
  model: Model,
  streams: Tensor,
  nextIds: Int32Array,
  B: number,
  T: number,
  opts: ForwardOptions = {},
): { streams: Tensor[]; logits: Tensor[]; load: Int32Array[]; balanceLoss: Tensor | null } {
  const { cfg, params } = model;
  checkIds(model, nextIds, B, T);
  const result = {
    streams: [] as Tensor[],
    logits: [] as Tensor[],
    load: [] as Int32Array[],
    balanceLoss: null as Tensor | null,
  };
  let h = streams;
  model.schedule.mtp.forEach((plan, i) => {
    const p = `${plan.prefix}.`;
    const e = rmsNorm(
      embed(param(params, "embed.weight"), tensor(nextIds, [B, T])),
      param(params, `${p}enorm.weight`),
      cfg.rmsNormEps,
    );
    const hn = rmsNorm(h, param(params, `${p}hnorm.weight`), cfg.rmsNormEps);
    const x = linear(e, weightParam(params, model.packed, `${p}e_proj.weight`))
      .unsqueeze(2)
      .add(linear(hn, weightParam(params, model.packed, `${p}h_proj.weight`)));
    const run = blockRun(model, plan, model.ropes.mtp[i]!, opts);
    const r = runBlock(run, x, nextIds, opts.cache?.mtp[i] ?? null);
    h = r.streams;
    result.streams.push(h);
    result.logits.push(head(model, h, p));
    result.load.push(r.load);
    if (r.balanceLoss) {
      result.balanceLoss = result.balanceLoss
        ? result.balanceLoss.add(r.balanceLoss)
        : r.balanceLoss;
    }
  });
  return result;
}

function layerCache(model: Model, B: number): LayerCache {
  const { cfg } = model;
  return {
    window: keep(
      full([B, cfg.slidingWindow, cfg.headDim], 0, {
        dtype: param(model.params, "embed.weight").dtype,
      }),
    ),
    entries: null,
    compressor: null,
    indexKeys: null,
    indexCompressor: null,
  };
}

/** An empty decode cache for B sequences. */
export function createCache(model: Model, B: number): ModelCache {
  return {
    batch: B,
    length: 0,
    layers: model.schedule.layers.map(() => layerCache(model, B)),
    mtp: model.schedule.mtp.map(() => layerCache(model, B)),
  };
}

/** Prefill: a fresh cache filled with `ids` [B·T]; returns logits [B, T, V]. */
export function prefill(model: Model, ids: Int32Array, B: number, T: number, cache: ModelCache) {
  if (cache.length !== 0) {
    throw new ModelError(
      `prefill: the cache already holds ${cache.length} tokens; use a new cache`,
    );
  }
  return noGrad(() => forward(model, ids, B, T, { cache }));
}

/** One token per sequence (ids [B]) at position cache.length; returns logits [B, 1, V]. */
export function decodeStep(model: Model, cache: ModelCache, ids: Int32Array): ForwardOutput {
  const B = cache.batch;
  checkIds(model, ids, B, 1);
  const pos = cache.length;
  return noGrad(() => {
    let x = embedStreams(model, ids, B, 1);
    const out = emptyOutput(x);
    model.schedule.layers.forEach((plan, l) => {
      const run = blockRun(model, plan, model.ropes.layers[l]!, {});
      const r = runBlock(run, x, ids, cache.layers[l]!, pos);
      x = r.streams;
      out.hidden.push(x);
      if (r.attn.selection) out.selections.set(l, r.attn.selection);
      out.load.push(r.load);
    });
    out.streams = x;
    out.logits = head(model, x, "");
    cache.length = pos + 1;
    return out;
  });
}
