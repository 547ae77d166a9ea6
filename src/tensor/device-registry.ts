/** The device new tensors are created on unless one is named. */
import { CpuDevice, type Device } from "../backend/index.ts";

let current: Device = new CpuDevice();

export function defaultDevice(): Device {
  return current;
}

/** Makes `device` the default for new tensors; returns the previous default. */
export function setDefaultDevice(device: Device): Device {
  const prev = current;
  current = device;
  return prev;
}
