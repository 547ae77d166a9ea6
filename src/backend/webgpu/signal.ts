/** Words of the Int32Array the GPU host and the engine thread share. */
export const SIGNAL = {
  /** Answers posted so far; the engine thread sleeps on it. */
  replies: 0,
  /** Set by the host thread as it exits, so a waiting engine thread gives up. */
  exited: 1,
  words: 2,
} as const;
