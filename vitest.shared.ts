import { defaultServerConditions } from 'vite'

/** Resolve `@ak1/*` to their TypeScript sources, so tests run without a build. */
export const sourceConditions = {
  resolve: { conditions: ['@ak1/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@ak1/source', ...defaultServerConditions] } },
}
