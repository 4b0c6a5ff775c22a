import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    name: '@ak1/portal',
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    // One Chromium at a time on a 2-core machine.
    fileParallelism: false,
  },
})
