// Run by package-exports.test.ts with plain Node: imports the built package as an ESM consumer would.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { balongbendo, isAk1Error, parseApplication, parseNik, ValidationError } from '@ak1/core'
import * as model from '@ak1/core/model'
import * as ports from '@ak1/core/ports'

assert.equal(balongbendo.office.code, 'balongbendo')
assert.equal(ports.ValidationError, ValidationError, 'one ValidationError class across . and ./ports')
assert.equal(ports.Ak1Error.name, 'Ak1Error')
assert.equal(model.ValidationError, ValidationError, 'one ValidationError class across . and ./model')
assert.equal(model.balongbendo, balongbendo, 'one balongbendo across . and ./model')

let fromCore
try {
  parseApplication({})
} catch (error) {
  fromCore = error
}
assert.ok(fromCore instanceof ValidationError)
assert.ok(fromCore instanceof ports.ValidationError, 'an error from . is instanceof the class of ./ports')
assert.ok(fromCore instanceof ports.Ak1Error)

let fromNik
try {
  parseNik('123')
} catch (error) {
  fromNik = error
}
assert.ok(fromNik instanceof ports.ValidationError)

// The CommonJS copy is another class (dual package), but the brand still recognises its errors.
const cjs = createRequire(import.meta.url)('@ak1/core')
let fromCjs
try {
  cjs.parseApplication({})
} catch (error) {
  fromCjs = error
}
assert.ok(isAk1Error(fromCjs))
assert.equal(fromCjs.code, 'VALIDATION')

console.log(
  JSON.stringify({
    format: 'esm',
    office: balongbendo.office.code,
    steps: balongbendo.steps.length,
    code: fromCore.code,
    issues: fromCore.issues.length,
  }),
)
