/**
 * @ak1/adapter-sqlite: coming (see its README).
 * @packageDocumentation
 */
export {}
