// Filled by the procedure work; re-exported from the package barrel.
export {}
