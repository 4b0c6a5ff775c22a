// Builds the portal server (esbuild, a second or two: the @ak1 packages are bundled from their
// TypeScript sources, other dependencies stay in node_modules) and runs it.
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outfile = `${root}dist/server.mjs`

/** Keeps every bare import but @ak1/* external: node_modules has them (and native better-sqlite3). */
const externals = {
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@ak1/') ? undefined : { path: args.path, external: true },
    )
  },
}

await esbuild.build({
  entryPoints: [`${root}src/main.ts`],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  conditions: ['@ak1/source'],
  plugins: [externals],
  logLevel: 'warning',
})
await import(pathToFileURL(outfile).href)
