import type { ChildProcess } from "node:child_process";

/**
 * The processes the run started: Terraform commands and emulators, each in a process
 * group of its own, so that a Ctrl-C reaches them only through the run, once, in order:
 * Terraform first (one interrupt, which it answers by stopping cleanly and ending its
 * provider processes; a second would make it exit at once and leave them behind),
 * then the emulators, by their own PIDs.
 */
const terraforms = new Set<ChildProcess>();
const emulators = new Set<ChildProcess>();

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
const TERRAFORM_GRACE_MS = 30_000;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Interrupts a Terraform once, and kills its whole group if it has not ended within the grace period. */
export async function interruptTerraform(child: ChildProcess): Promise<void> {
  signalGroup(child, "SIGINT");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), TERRAFORM_GRACE_MS);
  await exited(child);
  clearTimeout(timer);
}

/** Stops an emulator by its own PID: SIGTERM, then SIGKILL after five seconds. */
export async function stopEmulator(child: ChildProcess): Promise<void> {
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
  await exited(child);
  clearTimeout(timer);
  emulators.delete(child);
}

let installed = false;
function installHandlers(): void {
  if (installed) return;
  installed = true;
  // Whatever is left when the process ends anyway (an uncaught error) is killed outright.
  process.once("exit", () => {
    for (const child of [...terraforms, ...emulators]) signalGroup(child, "SIGKILL");
  });
  let stopping = false;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Said only when there is something to stop: a test worker that stopped its emulator ends quietly.
      if (terraforms.size + emulators.size > 0) process.stderr.write(`\n${signal}: stopping Terraform, then the emulators\n`);
      void Promise.all([...terraforms].map(interruptTerraform))
        .then(() => Promise.all([...emulators].map(stopEmulator)))
        .finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]));
    });
  }
}

export function trackTerraform(child: ChildProcess): void {
  installHandlers();
  terraforms.add(child);
  child.once("exit", () => terraforms.delete(child));
}

export function trackEmulator(child: ChildProcess): void {
  installHandlers();
  emulators.add(child);
}
