// Filled by its owner; re-exported from @ak1/core/testing.
export {}
