// Filled by the engine work; re-exported from the package barrel.
export {}
