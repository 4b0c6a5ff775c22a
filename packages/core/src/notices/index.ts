// Filled by the notices work; re-exported from the package barrel.
export {}
