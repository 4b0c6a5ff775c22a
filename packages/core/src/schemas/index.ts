// Filled by the schemas work; re-exported from the package barrel.
export {}
