/**
 * @ak1/adapter-sipraja: coming (see its README).
 * @packageDocumentation
 */
export {}
