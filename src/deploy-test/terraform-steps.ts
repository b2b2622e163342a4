import { firstError } from "../plan/first-error";
import { spawn } from "node:child_process";
import { interruptTerraform, trackTerraform } from "./processes";
import { appendFileSync, writeFileSync } from "node:fs";

export interface StepOutcome {
  readonly step: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** Why it failed, or what to know about a pass (a line). */
  readonly detail?: string;
}

export interface CommandResult {
  readonly code: number | null;
  /** stdout and stderr as they came. */
  readonly output: string;
  /** stdout alone, for what Terraform prints as JSON. */
  readonly stdout: string;
  readonly seconds: number;
}

/** A Terraform step that has not finished in this long is stopped and fails. */
const STEP_TIMEOUT_MS = 15 * 60_000;

/**
 * `terraform init` fills a shared plugin cache (TF_PLUGIN_CACHE_DIR), which Terraform
 * does not guard against two inits at once; the cases' inits take turns.
 */
let initTurn: Promise<unknown> = Promise.resolve();

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
    if (args[0] === "init") {
      const turn = initTurn.then(() => this.spawn(args, onOutput));
      initTurn = turn.catch(() => undefined);
      return turn;
    }
    return this.spawn(args, onOutput);
  }

  private spawn(args: readonly string[], onOutput?: (text: string) => void): Promise<CommandResult> {
    const start = performance.now();
    appendFileSync(this.logFile, `\n$ terraform ${args.join(" ")}\n`);
    return new Promise((resolve) => {
      // A group of its own: an interrupt reaches Terraform once, from the run (processes.ts).
      const child = spawn(this.binary, [...args], { cwd: this.folder, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      trackTerraform(child);
      let output = "";
      let stdout = "";
      const take = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        appendFileSync(this.logFile, text);
        onOutput?.(text);
      };
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        take(chunk);
      });
      child.stderr.on("data", take);
      const timer = setTimeout(() => {
        take(Buffer.from(`\n(stopped after ${STEP_TIMEOUT_MS / 60_000} minutes)\n`));
        void interruptTerraform(child);
      }, STEP_TIMEOUT_MS);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, output, stdout, seconds: (performance.now() - start) / 1000 });
      });
      child.on("error", (error) => take(Buffer.from(`${error.message}\n`)));
    });
  }

  /** A step that passes when Terraform exits with one of `okCodes`. */
  async step(step: string, args: readonly string[], okCodes: readonly number[] = [0], onOutput?: (text: string) => void): Promise<StepOutcome & { readonly result: CommandResult }> {
    const result = await this.run(args, onOutput);
    const ok = result.code !== null && okCodes.includes(result.code);
    return { step, ok, seconds: result.seconds, result, ...(ok ? {} : { detail: firstError(result.output) ?? `exit ${result.code}` }) };
  }
}

/** The addresses a plan would change, from its `# <address> will be …` lines. */
export function plannedChanges(output: string): string[] {
  return [...output.matchAll(/^\s*# (\S+) (?:will be|must be|has been) ([^\n]+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
}
