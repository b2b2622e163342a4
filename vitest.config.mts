import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
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
