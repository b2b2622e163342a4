import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/**
 * What the cdktf CLI was asked to do when it ran the app (`cdktf destroy state`, say).
 * cdktf tells the app nothing of it, yet some refusals happen after synth, inside
 * Terraform, where cdktf drops Terraform's own message: knowing the command lets synth
 * say why beforehand, in a warning cdktf prints.
 */
export interface CdktfCommand {
  /** `synth`, `diff`, `deploy`, `destroy`, ... */
  readonly name: string;
  /** The stack names or patterns given; empty when none were. */
  readonly stacks: readonly string[];
}

/**
 * Every option of cdktf 0.21's CLI that takes a value, so that the value is not read as
 * a stack; yargs, which parses them, takes each in camel case too.
 */
const VALUE_OPTIONS = [
  "app", "output", "outputs-file", "parallelism", "terraform-parallelism", "var", "var-file", "log-level", "log-file-directory",
  "tfe-hostname", "context-json", "cdktf-version", "dist", "experimental-provider-schema-cache-path", "language", "template",
  "project-name", "project-description", "from-terraform-project", "providers", "provider",
];
const OPTIONS_WITH_VALUE = new Set(["-a", "-o", ...VALUE_OPTIONS.flatMap((name) => [`--${name}`, `--${name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`])]);

/** The cdktf command in one process's arguments: the word after the cdktf script, and the stacks after it. */
export function cdktfCommandIn(argv: readonly string[]): CdktfCommand | undefined {
  const script = argv.findIndex((arg) => /(^|[/\\])cdktf(\.js|\.cjs)?$/.test(arg));
  if (script < 0) return undefined;
  const [name, ...rest] = argv.slice(script + 1);
  if (name === undefined || name.startsWith("-")) return undefined;
  const stacks: string[] = [];
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (arg === "--") break;
    if (OPTIONS_WITH_VALUE.has(arg)) index += 1;
    else if (!arg.startsWith("-")) stacks.push(arg);
  }
  return { name, stacks };
}

/** Whether a stack name or cdktf's glob pattern (`*`, `peer*`) names the stack. */
export function namesStack(pattern: string, stack: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(stack);
}

type Ancestor = { readonly ppid: number; readonly argv: readonly string[] };

/** A process's parent and arguments: from /proc where there is one, else from ps; undefined where neither answers. */
function ancestorOf(pid: number): Ancestor | undefined {
  if (existsSync(`/proc/${pid}/cmdline`)) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      // The name in field 2 may hold spaces and parentheses; the fields after its last ")" do not.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return { ppid, argv };
    } catch {
      return undefined;
    }
  }
  if (process.platform === "win32") return undefined;
  const ps = spawnSync("ps", ["-o", "ppid=", "-o", "command=", "-p", String(pid)], { encoding: "utf8", timeout: 2000 });
  const match = ps.status === 0 ? /^\s*(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : null;
  return match ? { ppid: Number(match[1]), argv: match[2]!.split(/\s+/) } : undefined;
}

/**
 * The cdktf command among the nearest ancestors of a process, from `pid` up (cdktf
 * runs the app through a shell); undefined when none is cdktf, or the system does not
 * say.
 */
export function cdktfCommandAbove(start: number): CdktfCommand | undefined {
  let pid = start;
  for (let depth = 0; depth < 6 && pid > 1; depth += 1) {
    const ancestor = ancestorOf(pid);
    if (ancestor === undefined) return undefined;
    const command = cdktfCommandIn(ancestor.argv);
    if (command !== undefined) return command;
    pid = ancestor.ppid;
  }
  return undefined;
}

/** The cdktf command that started this process, where it can be known. */
export function currentCdktfCommand(): CdktfCommand | undefined {
  return cdktfCommandAbove(process.ppid);
}
