export { createStandardCatalog, type StandardCatalog } from './catalog'
export { defineStandard, standardHash } from './define-standard'
export * from './schema'
