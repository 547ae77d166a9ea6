/**
 * The training objective (spec §9, §12): next-token cross-entropy, plus the MTP blocks'
 * cross-entropy on tokens further ahead weighted by `mtpLossWeight`, plus the indexer's loss
 * (which only reaches the indexer's own weights).
 */
import { crossEntropy, type Tensor, tensor } from "../tensor/index.ts";
import { type ForwardOptions, forward, type Model } from "./model.ts";

export interface TrainBatch {
  batch: number;
  seq: number;
  /** [B·seq] input tokens. */
  inputs: Int32Array;
  /** [B·seq] token t + 1 of every position. */
  targets: Int32Array;
  /** [B·seq] token t + 2 of every position (for the first MTP block), −1 where unknown. */
  mtpTargets?: Int32Array;
}

export interface LossParts {
  /** The scalar to back-propagate. */
  total: Tensor;
  /** Next-token cross-entropy (nats). */
  ce: number;
  /** MTP cross-entropy (nats), NaN without MTP. */
  mtp: number;
  /** Indexer loss, NaN when not trained. */
  indexer: number;
  /** Sequence-wise balance loss (already weighted), NaN when off. */
  balance: number;
  /** Tokens per routed expert, per block. */
  load: Int32Array[];
}

export interface LossOptions {
  indexerMode?: ForwardOptions["indexerMode"];
  trainIndexer?: boolean;
  /** Weight of the MTP loss; defaults to the config's. */
  mtpLossWeight?: number;
  /** Weight of the sequence-wise balance loss; defaults to the config's (0 = off). */
  balanceWeight?: number;
  /** MXFP4 quantization-aware training of this step (default off). */
  qat?: ForwardOptions["qat"];
}

export function trainingLoss(model: Model, b: TrainBatch, opts: LossOptions = {}): LossParts {
  const { cfg } = model;
  const V = cfg.vocabSize;
  const n = b.batch * b.seq;
  const useMtp = cfg.numMtpLayers > 0 && b.mtpTargets !== undefined;
  const out = forward(model, b.inputs, b.batch, b.seq, {
    indexerMode: opts.indexerMode ?? "sparse",
    trainIndexer: opts.trainIndexer ?? false,
    balanceWeight: opts.balanceWeight ?? cfg.seqBalanceLossWeight,
    ...(useMtp ? { mtpIds: b.targets } : {}),
    ...(opts.qat ? { qat: opts.qat } : {}),
  });
  const ce = crossEntropy(out.logits.reshape([n, V]), tensor(b.targets, [n]), { ignoreIndex: -1 });
  let total = ce;
  let mtp = Number.NaN;
  if (useMtp && out.mtpLogits[0]) {
    const m = crossEntropy(out.mtpLogits[0].reshape([n, V]), tensor(b.mtpTargets!, [n]), {
      ignoreIndex: -1,
    });
    mtp = m.item();
    total = total.add(m.mul(opts.mtpLossWeight ?? cfg.mtpLossWeight));
  }
  let indexer = Number.NaN;
  if (out.indexerLoss) {
    indexer = out.indexerLoss.item();
    total = total.add(out.indexerLoss);
  }
  let balance = Number.NaN;
  if (out.balanceLoss) {
    balance = out.balanceLoss.item();
    total = total.add(out.balanceLoss);
  }
  return { total, ce: ce.item(), mtp, indexer, balance, load: out.load };
}
