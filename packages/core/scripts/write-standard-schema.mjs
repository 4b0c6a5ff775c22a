// Writes standard.schema.json from the built package (run `npm run build -w @ak1/core` first).
// test/standard-json.test.ts fails when the committed file differs from the generated schema.
import { writeFileSync } from 'node:fs'
import { standardJsonSchema } from '../dist/index.js'

const target = new URL('../standard.schema.json', import.meta.url)
writeFileSync(target, `${JSON.stringify(standardJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target.pathname}`)
