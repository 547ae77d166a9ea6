/**
 * The adapter limits a compute backend depends on. The device is created with the adapter's own
 * values for all of them (the defaults WebGPU grants without asking are far lower: 128 MiB
 * bindings, 16 KiB of workgroup memory), and the engine checks every allocation and launch
 * against them before the GPU sees it.
 */

/** The limits requested and reported, all "max" limits except the two alignments. */
export const COMPUTE_LIMITS = [
  "maxBufferSize",
  "maxStorageBufferBindingSize",
  "maxUniformBufferBindingSize",
  "maxStorageBuffersPerShaderStage",
  "maxBindGroups",
  "maxBindingsPerBindGroup",
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupSizeY",
  "maxComputeWorkgroupSizeZ",
  "maxComputeWorkgroupsPerDimension",
  "minUniformBufferOffsetAlignment",
  "minStorageBufferOffsetAlignment",
] as const satisfies readonly (keyof GPUSupportedLimits)[];

export type ComputeLimit = (typeof COMPUTE_LIMITS)[number];
export type ComputeLimits = Readonly<Record<ComputeLimit, number>>;

/** The compute limits of an adapter or device. */
export function computeLimits(limits: GPUSupportedLimits): ComputeLimits {
  const out = {} as Record<ComputeLimit, number>;
  for (const name of COMPUTE_LIMITS) out[name] = limits[name];
  return out;
}

/** Optional features a kernel compiler can use, requested whenever the adapter offers them. */
export const OPTIONAL_FEATURES = ["shader-f16", "subgroups"] as const;
export type OptionalFeature = (typeof OPTIONAL_FEATURES)[number];
