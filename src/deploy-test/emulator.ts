import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import { join } from "node:path";
import { EMULATOR_FIX_IDS } from "./deviations";
import { stopEmulator, trackEmulator } from "./processes";
import { projectFile } from "../config/project-file";

const LAUNCHER = projectFile("src/deploy-test/emulator/moto_with_fixes.py");
const FIXES_LINE = "privnet moto fixes: ";
const LISTENING_LINE = /^privnet moto listening: https=(\d+) http=(\d+)$/m;
const START_TIMEOUT_MS = 60_000;

/**
 * The Authorization header of a request from the run's credentials to `service`: moto
 * routes by the service its credential scope names, reads the access key from it and
 * checks no signature. Without it a request is anonymous, which object ACLs refuse.
 */
export function emulatedAuthorization(service: string, region = "ap-northeast-1"): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** Headers that make moto take an S3 request as the account owner's. */
export function emulatedS3Headers(region = "ap-northeast-1"): Record<string, string> {
  return { Authorization: emulatedAuthorization("s3", region) };
}

export interface EmulatorResponse {
  readonly status: number;
  readonly body: string;
}

export interface EmulatorRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** The plain-HTTP listener instead of HTTPS: what a client that skips TLS reaches. */
  readonly plain?: boolean;
  /** Caps the TLS version the client offers (Node's names: `TLSv1.2`, `TLSv1.3`). */
  readonly maxTlsVersion?: "TLSv1.2" | "TLSv1.3";
}

export class Emulator {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    /** The plain-HTTP listener of the same server and backends. */
    readonly plainPort: number,
    /** The certificate authority of the run's test certificate, in PEM, for every client of the emulator. */
    readonly caFile: string,
    readonly logFile: string,
  ) {}

  get endpoint(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get plainEndpoint(): string {
    return `http://127.0.0.1:${this.plainPort}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Starts moto, with the documented fixes, on loopback: HTTPS with a certificate made
   * for this start (its authority's certificate in `tlsDir`), and plain HTTP on a
   * second port. Its requests are logged to `logFile`.
   */
  static async start(python: string, logFile: string, tlsDir: string): Promise<Emulator> {
    // A group of its own: a Ctrl-C stops it through the run, by its PID, after Terraform (processes.ts).
    const child = spawn(python, [LAUNCHER, "--tls-dir", tlsDir], { stdio: ["ignore", "pipe", "pipe"], detached: true });
    trackEmulator(child);
    let startError: Error | undefined;
    child.once("error", (error) => (startError = error));
    const log = createWriteStream(logFile);
    child.stderr!.pipe(log);
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      log.write(chunk);
    });
    const ended = () => child.exitCode !== null || child.signalCode !== null || startError !== undefined;
    const stopWith = async (message: string): Promise<never> => {
      await stopEmulator(child);
      throw new Error(message);
    };
    // The launcher binds both ports before it names them: once named, they accept.
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!LISTENING_LINE.test(stdout)) {
      if (ended() || Date.now() > deadline) {
        const why = startError?.message ?? (child.exitCode !== null ? `exit ${child.exitCode}` : (child.signalCode ?? `no answer in ${START_TIMEOUT_MS / 1000} s`));
        await stopWith(`moto did not start (${why}); see ${logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [, tls, plain] = LISTENING_LINE.exec(stdout)!;
    const fixesLine = stdout.split("\n").find((line) => line.startsWith(FIXES_LINE)) ?? FIXES_LINE;
    const served = fixesLine.slice(FIXES_LINE.length).trim().split(",").filter(Boolean).sort();
    const documented = [...EMULATOR_FIX_IDS].sort();
    if (served.join(",") !== documented.join(",")) {
      await stopWith(`moto started with fixes [${served.join(", ")}], but src/deploy-test/deviations.ts documents [${documented.join(", ")}]; keep the two the same`);
    }
    return new Emulator(child, Number(tls), Number(plain), join(tlsDir, "ca.pem"), logFile);
  }

  /** One request to the emulator, over HTTPS trusting only the run's authority unless `plain`. */
  request(path: string, init: EmulatorRequest = {}): Promise<EmulatorResponse> {
    const url = new URL(path, init.plain ? this.plainEndpoint : this.endpoint);
    const options: RequestOptions = {
      method: init.method ?? "GET",
      headers: { ...(init.headers ?? {}), ...(init.body !== undefined ? { "Content-Length": String(Buffer.byteLength(init.body)) } : {}) },
      ...(init.plain ? {} : { ca: readFileSync(this.caFile), ...(init.maxTlsVersion ? { maxVersion: init.maxTlsVersion } : {}) }),
    };
    return new Promise((resolve, reject) => {
      const request = (init.plain ? httpRequest : httpsRequest)(url, options, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end(init.body);
    });
  }

  /** Stops the emulator by its own PID: SIGTERM, then SIGKILL after five seconds. */
  stop(): Promise<void> {
    return stopEmulator(this.child);
  }
}
