import { createRequire } from "node:module";
import { Lazy } from "cdktf";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { skipTokenTraces, TRACES_OFF } from "../../src/cli/token-traces";

const stackTrace = createRequire(__filename)("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
let installed: () => string[];

beforeAll(() => {
  // As synth runs, whatever PRIVNET_TOKEN_TRACES says where the tests run.
  skipTokenTraces({});
  installed = stackTrace.captureStackTrace;
});

afterEach(() => {
  stackTrace.captureStackTrace = installed;
});

describe("cdktf's token creation traces", () => {
  it("are off in synth and the tests: a token carries only the hint that turns them back on", () => {
    expect((Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack).toEqual([
      "(token traces are off; run again with PRIVNET_TOKEN_TRACES=1 to see where this token was made)",
    ]);
  });

  it("come back with PRIVNET_TOKEN_TRACES=1, and are skipped otherwise", () => {
    const recording = () => ["at somewhere (file.ts:1:1)"];
    stackTrace.captureStackTrace = recording;
    skipTokenTraces({ PRIVNET_TOKEN_TRACES: "1" });
    expect(stackTrace.captureStackTrace).toBe(recording);
    expect((Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack).toEqual(["at somewhere (file.ts:1:1)"]);
    skipTokenTraces({});
    expect(stackTrace.captureStackTrace()).toBe(TRACES_OFF);
  });
});
