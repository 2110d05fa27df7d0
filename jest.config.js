const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const testMatch = {
  unit: ["<rootDir>/src/**/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/integration-tests/modules/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/*.spec.[jt]s"],
  browser: ["<rootDir>/integration-tests/browser/*.spec.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { decoratorMetadata: true },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: [
    "dist/",
    "<rootDir>/.medusa/",
    "<rootDir>/.demo-data/",
  ],
  setupFiles: ["./integration-tests/setup.js"],
  // The browser suite boots one server for all its spec files.
  ...(process.env.TEST_TYPE === "browser"
    ? {
        globalSetup: "./integration-tests/browser/global-setup.ts",
        globalTeardown: "./integration-tests/browser/global-teardown.ts",
      }
    : {}),
  testMatch: testMatch[process.env.TEST_TYPE] ?? [
    ...testMatch.unit,
    ...testMatch["integration:modules"],
    ...testMatch["integration:http"],
  ],
}
