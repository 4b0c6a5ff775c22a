import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'arbitraries/index': 'src/arbitraries/index.ts',
    'conformance/index': 'src/conformance/index.ts',
    'model/index': 'src/model/index.ts',
    'ports/index': 'src/ports/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // One shared chunk per format holds classes such as the errors, so `instanceof` holds across entry points.
  splitting: true,
  treeshake: true,
  target: 'node20',
  external: ['vitest', 'fast-check'],
  // @noble/hashes is ESM only; bundled, so the CommonJS build never has to require() it.
  noExternal: ['@noble/hashes'],
})
