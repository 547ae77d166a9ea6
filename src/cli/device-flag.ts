// The `--device cpu|cpu-ref|webgpu` flag shared by every command that computes: its spec for the
// flag table, and the step that opens the device and makes it the engine's default.

import {
  createDevice,
  DEVICE_KINDS,
  type DeviceKind,
  type OwnedDevice,
} from "../backend/select.ts";
import { defaultDevice, setDefaultDevice } from "../tensor/index.ts";
import type { ArgSpec, Args } from "./args.ts";
import { CliError } from "./errors.ts";

/** The flag's entry for a command's ArgSpecs table (as `device: DEVICE_FLAG`). */
export const DEVICE_FLAG: ArgSpec = {
  type: "string",
  value: "NAME",
  help: "compute device: cpu (fast WASM kernels), cpu-ref (reference kernels), webgpu",
  shownDefault: "cpu",
};

/** The device kind the flag names (default "cpu"); a CliError for any other word. */
export function deviceKind(args: Args): DeviceKind {
  return args.choice("device", DEVICE_KINDS, "cpu");
}

/**
 * Opens the device the flag names and makes it the default for new tensors. The caller closes
 * it when the command ends. A device that cannot be opened (no GPU) is a CliError with the
 * reason.
 */
export async function openDeviceFromArgs(args: Args): Promise<OwnedDevice> {
  const kind = deviceKind(args);
  let device: OwnedDevice;
  try {
    device = await createDevice(kind);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(`${args.command}: --device ${kind}: ${reason}`);
  }
  setDefaultDevice(device);
  return device;
}

/**
 * Runs a command body on the device the flag names, then restores the previous default device
 * and closes this one (its worker threads would otherwise keep the process alive).
 */
export async function withDevice<T>(args: Args, body: () => Promise<T>): Promise<T> {
  const previous = defaultDevice();
  const device = await openDeviceFromArgs(args);
  try {
    return await body();
  } finally {
    setDefaultDevice(previous);
    device.close();
  }
}
