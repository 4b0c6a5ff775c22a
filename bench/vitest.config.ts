import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../vitest.shared.ts'

export default defineConfig({
  ...sourceConditions,
  test: { name: '@ak1/bench', include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
})
