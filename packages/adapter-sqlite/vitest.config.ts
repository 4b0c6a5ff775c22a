import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    name: '@ak1/adapter-sqlite',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The crash, two-process and backup tests run child processes on the built packages.
    globalSetup: ['test/global-setup.ts'],
  },
})
