import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer, connect } from "node:net";
import { EMULATOR_FIX_IDS } from "./deviations";
import { stopEmulator, trackEmulator } from "./processes";
import { projectFile } from "../config/project-file";

const LAUNCHER = projectFile("src/deploy-test/emulator/moto_with_fixes.py");
const FIXES_LINE = "privnet moto fixes: ";
const START_TIMEOUT_MS = 60_000;

/** A free TCP port on loopback, as the kernel hands one out. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Headers that make moto take a request as the account owner's, as a signed request
 * from the run's credentials would be: moto reads the access key from them and checks
 * no signature. Without them a request is anonymous, which object ACLs refuse.
 */
export function emulatedS3Headers(region = "ap-northeast-1"): Record<string, string> {
  return { Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/s3/aws4_request, SignedHeaders=host, Signature=0` };
}

export class Emulator {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Starts moto, with the documented fixes, on a free loopback port, and waits until
   * it accepts connections. Its requests are logged to `logFile`.
   */
  static async start(python: string, logFile: string): Promise<Emulator> {
    const port = await freeLoopbackPort();
    // A group of its own: a Ctrl-C stops it through the run, by its PID, after Terraform (processes.ts).
    const child = spawn(python, [LAUNCHER, "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"], detached: true });
    trackEmulator(child);
    let startError: Error | undefined;
    child.once("error", (error) => (startError = error));
    const log = createWriteStream(logFile);
    child.stderr!.pipe(log);
    let fixesLine: string | undefined;
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      fixesLine ??= stdout.split("\n").find((line) => line.startsWith(FIXES_LINE));
      log.write(chunk);
    });
    const emulator = new Emulator(child, port, logFile);
    const deadline = Date.now() + START_TIMEOUT_MS;
    const ended = () => child.exitCode !== null || child.signalCode !== null || startError !== undefined;
    // Checked again once the port answers: another process could hold the port that moto failed to take.
    while (!(fixesLine !== undefined && (await accepts(port)) && !ended())) {
      if (ended() || Date.now() > deadline) {
        await emulator.stop();
        const why = startError?.message ?? (child.exitCode !== null ? `exit ${child.exitCode}` : child.signalCode ?? "no answer in 60 s");
        throw new Error(`moto did not start on 127.0.0.1:${port} (${why}); see ${logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const served = fixesLine.slice(FIXES_LINE.length).trim().split(",").filter(Boolean).sort();
    const documented = [...EMULATOR_FIX_IDS].sort();
    if (served.join(",") !== documented.join(",")) {
      await emulator.stop();
      throw new Error(`moto started with fixes [${served.join(", ")}], but src/deploy-test/deviations.ts documents [${documented.join(", ")}]; keep the two the same`);
    }
    return emulator;
  }

  /** Stops the emulator by its own PID: SIGTERM, then SIGKILL after five seconds. */
  stop(): Promise<void> {
    return stopEmulator(this.child);
  }
}
