// Run by package-exports.test.ts with plain Node: requires the built package as a CommonJS consumer would.
const assert = require('node:assert/strict')
const core = require('@ak1/core')
const model = require('@ak1/core/model')
const ports = require('@ak1/core/ports')

assert.equal(core.balongbendo.office.code, 'balongbendo')
assert.equal(ports.ValidationError, core.ValidationError, 'one ValidationError class across . and ./ports')
assert.equal(ports.Ak1Error, core.Ak1Error)
assert.equal(model.ValidationError, core.ValidationError, 'one ValidationError class across . and ./model')
assert.equal(model.balongbendo, core.balongbendo, 'one balongbendo across . and ./model')

let fromCore
try {
  core.parseApplication({})
} catch (error) {
  fromCore = error
}
assert.ok(fromCore instanceof core.ValidationError)
assert.ok(fromCore instanceof ports.ValidationError, 'an error from . is instanceof the class of ./ports')
assert.ok(fromCore instanceof ports.Ak1Error)
assert.ok(ports.isAk1Error(fromCore))

console.log(
  JSON.stringify({
    format: 'cjs',
    office: core.balongbendo.office.code,
    steps: core.balongbendo.steps.length,
    code: fromCore.code,
    issues: fromCore.issues.length,
  }),
)
