import { spawnSync } from "node:child_process";

export interface ToolResult {
  /** Exit status; null when the process could not be started, or was stopped at its time limit. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started (ENOENT when it is not on PATH) or ran out of time (ETIMEDOUT). */
  readonly startError?: NodeJS.ErrnoException;
}

export interface ToolCall {
  /** Written to the program's standard input. */
  readonly input?: string;
  /** Stopped after this long. */
  readonly timeoutMs?: number;
  /** Variables added to the environment, for this call only (another account's credentials). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs a program found on PATH (`aws`, `ssh`, `ssh-keygen`) with arguments, never through
 * a shell; tests replace it with a scripted one.
 */
export type ToolRunner = (program: string, args: readonly string[], call?: ToolCall) => ToolResult;

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * The real programs. The AWS CLI runs without its pager and prompts (version 2 would
 * otherwise page JSON through `less` and wait for a key).
 */
export function toolsOnPath(env: NodeJS.ProcessEnv = process.env): ToolRunner {
  return (program, args, call = {}) => {
    const result = spawnSync(program, args, {
      encoding: "utf8",
      maxBuffer: MAX_OUTPUT_BYTES,
      ...(call.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] } : { input: call.input }),
      ...(call.timeoutMs === undefined ? {} : { timeout: call.timeoutMs, killSignal: "SIGTERM" }),
      env: { ...env, AWS_PAGER: "", AWS_CLI_AUTO_PROMPT: "off", ...call.env },
    });
    return {
      status: result.status,
      stdout: result.stdout ?? "",
      stderr: result.stderr ?? "",
      ...(result.error ? { startError: result.error as NodeJS.ErrnoException } : {}),
    };
  };
}
