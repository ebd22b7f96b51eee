import { defineConfig } from "vitest/config";

const alias = { "~": new URL("./app", import.meta.url).pathname };

// `npm test` runs both projects: everything CI must check. Conformance runs (which read ../shared)
// live in vitest.conformance.config.ts.
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.{ts,tsx}"],
          exclude: ["node_modules/**", "test/e2e/**", "test/conformance/**", "subgraph/src/**", "subgraph/build/**", "build/**", "data/**"],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // One Chromium at a time: the machine has 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
