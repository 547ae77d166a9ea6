/** Errors raised by devices: a lost device, a foreign or released buffer, a missing kernel. */
export class DeviceError extends Error {
  override name = "DeviceError";
}

export class UnsupportedError extends Error {
  override name = "UnsupportedError";
}
