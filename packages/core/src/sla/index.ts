// Filled by the sla work; re-exported from the package barrel.
export {}
