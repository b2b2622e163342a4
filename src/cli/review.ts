import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { synthesize } from "../app";
import { ConfigError } from "../config/errors";
import { CONFIG_FILE_VARIABLE } from "../config/load";
import { GuardrailError } from "../guardrails/gate";
import { LimitError } from "../limits/report";
import { renderMarkdown, renderText } from "../review/render";
import { opensOrCloses, review, type ReviewReport } from "../review/review";
import { readSynthOutput, SynthOutputError, type SynthOutput } from "../review/synth-output";
import type { Writer } from "../writer";
import { EXIT } from "./subcommand";

/** `--exit-code`'s answer when the change opens or closes a flow, as `git diff --exit-code` answers 1. */
export const EXIT_FLOWS_CHANGED = 3;

export interface RunReviewOptions {
  readonly base?: string;
  readonly head?: string;
  readonly baseRef?: string;
  readonly stacks: readonly string[];
  readonly format: "text" | "markdown" | "json";
  readonly exitCode: boolean;
  /** Where relative folders start (npm sets INIT_CWD). */
  readonly cwd: string;
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writer;
  readonly stderr: Writer;
}

export class ReviewInputError extends Error {}

function git(projectDir: string, args: readonly string[]) {
  return spawnSync("git", ["-C", projectDir, ...args], { encoding: "utf8" });
}

/** The configuration file the head reads, so that the base is synthesized with the same settings. */
function configFileOf(options: RunReviewOptions): string | undefined {
  const named = options.env[CONFIG_FILE_VARIABLE];
  if (named !== undefined && named !== "") return resolve(options.projectDir, named);
  return undefined;
}

/**
 * The base synthesized from a git ref: its code checked out beside this one (a
 * worktree, removed afterwards), built and synthesized with this checkout's packages and
 * configuration, into a scratch folder.
 */
function synthesizeRef(ref: string, options: RunReviewOptions, scratch: string): string {
  const top = git(options.projectDir, ["rev-parse", "--show-toplevel"]);
  if (top.error) throw new ReviewInputError(`--base-ref needs git, which could not be run: ${top.error.message}`);
  if (top.status !== 0) throw new ReviewInputError(`--base-ref ${ref}: ${options.projectDir} is not in a git repository`);
  // The checkout's own folder, wherever the command was started in it.
  const projectDir = top.stdout.trim();
  const commit = git(projectDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (commit.status !== 0) throw new ReviewInputError(`--base-ref ${ref}: no such commit, branch or tag in ${projectDir}`);
  const tree = join(scratch, "base");
  // A review stopped by Ctrl-C leaves its worktree registered: forget those whose folder is gone.
  git(projectDir, ["worktree", "prune"]);
  const added = git(projectDir, ["worktree", "add", "--detach", "--quiet", tree, commit.stdout.trim()]);
  if (added.status !== 0) throw new ReviewInputError(`--base-ref ${ref}: git could not check it out (${added.stderr.trim().split("\n")[0]})`);
  try {
    symlinkSync(join(projectDir, "node_modules"), join(tree, "node_modules"), "dir");
    const outdir = join(scratch, "base-cdktf.out");
    const config = configFileOf(options);
    const env = { ...options.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...(config ? { [CONFIG_FILE_VARIABLE]: config } : {}) };
    for (const [step, args] of [["build", ["src/build/build-if-stale.cjs"]], ["synth", ["dist/src/main.js"]]] as const) {
      const result = spawnSync(process.execPath, args, { cwd: tree, env, encoding: "utf8" });
      if (result.status !== 0) {
        const lines = `${result.stderr}\n${result.stdout}`.split("\n").map((line) => line.trim()).filter(Boolean);
        const why = lines.find((line) => /error|Invalid configuration/i.test(line) && !line.startsWith("at ")) ?? lines[0];
        throw new ReviewInputError(`--base-ref ${ref}: its ${step} failed: ${why ?? `exit ${String(result.status)}`}`);
      }
    }
    return outdir;
  } finally {
    git(projectDir, ["worktree", "remove", "--force", tree]);
  }
}

function headOf(options: RunReviewOptions, scratch: string): string {
  if (options.head !== undefined) return resolve(options.cwd, options.head);
  const outdir = join(scratch, "head-cdktf.out");
  synthesize({ env: options.env, cwd: options.projectDir, outdir });
  return outdir;
}

/**
 * `npm run review -- (--base <dir> | --base-ref <ref>) [--head <dir>] [--stack <name>]...`:
 * what the change from base to head does to each stack's traffic, guardrails and cost.
 * Without `--head`, the head is this checkout, synthesized now. Exit 0 when it ran
 * (3 with `--exit-code` when a flow opened or closed), 2 when it cannot run.
 */
export function runReview(options: RunReviewOptions): number {
  if ((options.base === undefined) === (options.baseRef === undefined)) {
    options.stderr.write("review: name the base once, as --base <synth output folder> or --base-ref <git ref>; run it with --help for its usage\n");
    return EXIT.cannotRun;
  }
  const scratch = mkdtempSync(join(tmpdir(), "privnet-review-"));
  try {
    const baseDir = options.baseRef !== undefined ? synthesizeRef(options.baseRef, options, scratch) : resolve(options.cwd, options.base!);
    const base: SynthOutput = readSynthOutput(baseDir, "--base");
    const headDir = headOf(options, scratch);
    const head: SynthOutput = readSynthOutput(headDir, "--head");
    const known = new Set([...base.stacks.keys(), ...head.stacks.keys()]);
    const unknown = options.stacks.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new ReviewInputError(`--stack ${unknown.join(", ")}: no such stack on either side; the stacks are ${[...known].join(", ")}`);
    const report = review(base, head, options.stacks.length > 0 ? options.stacks : undefined);
    const shown = { ...report, base: options.baseRef !== undefined ? `${options.baseRef} (synthesized)` : report.base, head: options.head === undefined ? "this checkout (synthesized)" : report.head };
    options.stdout.write(options.format === "json" ? `${JSON.stringify(shown, null, 2)}\n` : options.format === "markdown" ? renderMarkdown(shown) : renderText(shown));
    return options.exitCode && opensOrCloses(report) ? EXIT_FLOWS_CHANGED : EXIT.ok;
  } catch (error) {
    if (error instanceof ReviewInputError || error instanceof SynthOutputError || error instanceof ConfigError || error instanceof GuardrailError || error instanceof LimitError) {
      options.stderr.write(`review: ${error.message}\n`);
      return EXIT.cannotRun;
    }
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}


/** The variable naming a review the workflow made already (`npm run review -- --json`), which `npm run plan` then uses. */
export const REVIEW_JSON_VARIABLE = "PRIVNET_REVIEW_JSON";

/**
 * The review of `headDir` (a synth output) against a git ref synthesized now, for
 * `npm run plan`: the same report `npm run review -- --base-ref <ref>` prints.
 */
export function reviewAgainstRef(ref: string, headDir: string, options: Pick<RunReviewOptions, "projectDir" | "env">): ReviewReport {
  const scratch = mkdtempSync(join(tmpdir(), "privnet-review-"));
  try {
    const full = { ...options, stacks: [], format: "json" as const, exitCode: false, cwd: options.projectDir, stdout: { write: () => true }, stderr: { write: () => true } };
    const base = readSynthOutput(synthesizeRef(ref, full, scratch), "--base-ref");
    return { ...review(base, readSynthOutput(headDir, "--head")), base: `${ref} (synthesized)` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Which ref `npm run plan` compares with when told none: where the branch left the default branch, else the last commit. */
export function defaultReviewBase(projectDir: string): string {
  const mergeBase = git(projectDir, ["merge-base", "HEAD", "origin/HEAD"]);
  return mergeBase.status === 0 && mergeBase.stdout.trim() !== "" ? mergeBase.stdout.trim() : "HEAD";
}
