/** Where a command writes: the process's streams, or a capture in tests. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress then rewrites one line). */
  readonly stderrIsTTY: boolean;
}

/** The process's own stdout and stderr. */
export const processIo: CommandIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  stderrIsTTY: process.stderr.isTTY === true,
};
