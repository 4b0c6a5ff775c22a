import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    name: '@ak1/adapter-sipraja',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The intake test runs a worker as a child process on the built packages.
    globalSetup: ['test/global-setup.ts'],
  },
})
