import { defineConfig } from "vitest/config";

// Conformance runs read peers' test suites and real data from ../shared (present in CI, absent in
// users' clones, where each suite says so and skips).
export default defineConfig({
  test: {
    name: "conformance",
    include: ["test/conformance/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    passWithNoTests: true,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
