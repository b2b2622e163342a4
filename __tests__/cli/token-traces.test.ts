import { createRequire } from "node:module";
import { Lazy } from "cdktf";
import { afterEach, describe, expect, it } from "vitest";
import { skipTokenTraces } from "../../src/cli/token-traces";

const stackTrace = createRequire(__filename)("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
const installed = stackTrace.captureStackTrace;

afterEach(() => {
  stackTrace.captureStackTrace = installed;
});

describe("cdktf's token creation traces", () => {
  it("are off in synth and the tests: a token carries no trace", () => {
    expect((Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack).toEqual([]);
  });

  it("come back with PRIVNET_TOKEN_TRACES=1, and are skipped otherwise", () => {
    const recording = () => ["at somewhere (file.ts:1:1)"];
    stackTrace.captureStackTrace = recording;
    skipTokenTraces({ PRIVNET_TOKEN_TRACES: "1" });
    expect(stackTrace.captureStackTrace).toBe(recording);
    expect((Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack).toEqual(["at somewhere (file.ts:1:1)"]);
    skipTokenTraces({});
    expect(stackTrace.captureStackTrace()).toEqual([]);
  });
});
