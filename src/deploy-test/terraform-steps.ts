import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface StepOutcome {
  readonly step: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** Why it failed, or what to know about a pass (a line). */
  readonly detail?: string;
}

export interface CommandResult {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

/** A Terraform step that has not finished in this long is stopped and fails. */
const STEP_TIMEOUT_MS = 15 * 60_000;

const children = new Set<ChildProcess>();
/** Stops every Terraform still running (on Ctrl-C, before the emulator goes). */
export function stopTerraform(): void {
  for (const child of children) child.kill("SIGTERM");
}

export class TerraformSteps {
  constructor(
    private readonly binary: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly folder: string,
    private readonly logFile: string,
  ) {
    writeFileSync(logFile, "");
  }

  /** Runs `terraform <args>` in the work folder; `onOutput` sees the output as it comes. */
  run(args: readonly string[], onOutput?: (text: string) => void): Promise<CommandResult> {
    const start = performance.now();
    appendFileSync(this.logFile, `\n$ terraform ${args.join(" ")}\n`);
    return new Promise((resolve) => {
      const child = spawn(this.binary, [...args], { cwd: this.folder, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      children.add(child);
      let output = "";
      const take = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        appendFileSync(this.logFile, text);
        onOutput?.(text);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      const timer = setTimeout(() => {
        take(Buffer.from(`\n(stopped after ${STEP_TIMEOUT_MS / 60_000} minutes)\n`));
        child.kill("SIGTERM");
      }, STEP_TIMEOUT_MS);
      child.on("close", (code) => {
        clearTimeout(timer);
        children.delete(child);
        resolve({ code, output, seconds: (performance.now() - start) / 1000 });
      });
      child.on("error", (error) => take(Buffer.from(`${error.message}\n`)));
    });
  }

  /** A step that passes when Terraform exits with one of `okCodes`. */
  async step(step: string, args: readonly string[], okCodes: readonly number[] = [0]): Promise<StepOutcome & { readonly result: CommandResult }> {
    const result = await this.run(args);
    const ok = result.code !== null && okCodes.includes(result.code);
    return { step, ok, seconds: result.seconds, result, ...(ok ? {} : { detail: firstError(result.output) ?? `exit ${result.code}` }) };
  }

  get log(): string {
    return this.logFile;
  }
}

/** The first error Terraform reported, on one line. */
export function firstError(output: string): string | undefined {
  const lines = output.split("\n");
  const at = lines.findIndex((line) => /^(│ )?Error: /.test(line.trim()) || /^╷?\s*│?\s*Error: /.test(line));
  if (at < 0) return undefined;
  return lines
    .slice(at, at + 8)
    .map((line) => line.replace(/^[│╷╵\s]+/, "").trim())
    .filter(Boolean)
    .join(" ")
    .slice(0, 400);
}

/** The addresses a plan would change, from its `# <address> will be …` lines. */
export function plannedChanges(output: string): string[] {
  return [...output.matchAll(/^\s*# (\S+) (?:will be|must be|has been) ([^\n]+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
}

export function logPath(folder: string, name: string): string {
  return join(folder, `${name}.log`);
}
