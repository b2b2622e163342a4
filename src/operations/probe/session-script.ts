import type { ProbeOutput } from "./read-observation";

/**
 * One shell script per instance runs all of its probes, one after another, so that each
 * instance is entered once. Markers around each probe carry a nonce, so that nothing a
 * probe prints (a DNS answer, an error message) can pass for one.
 */
export interface ScriptedProbe {
  readonly id: number;
  readonly command: string;
}

function marker(nonce: string, what: string): string {
  return `privnet-probe-${nonce}-${what}`;
}

/** The script: the host it ran on, then each probe's output with standard error folded in, and its exit status. */
export function sessionScript(probes: readonly ScriptedProbe[], nonce: string): string {
  if (!/^[0-9a-f]{8,32}$/.test(nonce)) throw new Error(`a session nonce is 8 to 32 hex digits, not ${JSON.stringify(nonce)}`);
  return [
    `printf '${marker(nonce, "host")} %s\\n' "$(hostname)"`,
    ...probes.flatMap((probe) => [
      `printf '${marker(nonce, "begin")} ${probe.id}\\n'`,
      `{ ${probe.command}; } 2>&1`,
      `printf '${marker(nonce, "end")} ${probe.id} %s\\n' "$?"`,
    ]),
    "exit 0",
    "",
  ].join("\n");
}

export interface SessionOutput {
  /** The instance's host name, printed first: the session ran there. */
  readonly host?: string;
  /** Each probe that finished, by id. */
  readonly probes: ReadonlyMap<number, ProbeOutput>;
  /** Probes that began and never finished: the session was cut off during them. */
  readonly cutOff: readonly number[];
}

/** The probes' outputs, read back from what the session printed. */
export function readSessionOutput(stdout: string, nonce: string): SessionOutput {
  const probes = new Map<number, ProbeOutput>();
  const cutOff: number[] = [];
  let host: string | undefined;
  let open: { id: number; lines: string[] } | undefined;
  const begin = new RegExp(`^${marker(nonce, "begin")} (\\d+)$`);
  const end = new RegExp(`^${marker(nonce, "end")} (\\d+) (\\d+)$`);
  const hostLine = new RegExp(`^${marker(nonce, "host")} (.*)$`);
  for (const line of stdout.split(/\r?\n/)) {
    const started = begin.exec(line);
    const ended = end.exec(line);
    const named = hostLine.exec(line);
    if (named) {
      host = named[1]!.trim();
    } else if (started) {
      if (open) cutOff.push(open.id);
      open = { id: Number(started[1]), lines: [] };
    } else if (ended && open && Number(ended[1]) === open.id) {
      probes.set(open.id, { exitCode: Number(ended[2]), output: open.lines.join("\n") });
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    }
  }
  if (open) cutOff.push(open.id);
  return { ...(host === undefined || host === "" ? {} : { host }), probes, cutOff };
}
