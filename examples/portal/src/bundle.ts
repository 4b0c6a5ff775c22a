import { fileURLToPath } from 'node:url'

/**
 * Bundles the browser script (src/client/app.ts with `@ak1/core/model`) in memory with esbuild.
 * `entry` defaults to the TypeScript source beside this module.
 */
export async function bundleClient(
  entry = fileURLToPath(new URL('./client/app.ts', import.meta.url)),
): Promise<string> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['@ak1/source'],
    logLevel: 'silent',
  })
  const [file] = result.outputFiles
  if (!file) throw new Error('esbuild produced no browser bundle')
  return file.text
}
