import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module registry per worker for all its test files: cdktf and the provider
    // classes load once per worker instead of once per file, and a stack synthesized
    // for one file (__tests__/support/synth.ts) serves the next. Its JSON is frozen;
    // the stack object beside it is only read.
    isolate: false,
    maxWorkers: "100%",
    // No test may pass or fail by how fast the machine is: a test's own work sets its
    // length, and the limit is there only to end a hang (vitest's 5 s default failed
    // a synth-heavy test under load).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    setupFiles: ["./__tests__/support/no-token-stack-traces.ts"],
    deps: {
      optimizer: {
        ssr: {
          // GitHub's workflow parser imports its schema JSON without an import attribute,
          // which Node refuses; pre-bundled by Vite, the JSON is part of the bundle.
          enabled: true,
          include: ["@actions/workflow-parser", "@actions/workflow-parser/actions/action-parser"],
        },
      },
    },
  },
});
