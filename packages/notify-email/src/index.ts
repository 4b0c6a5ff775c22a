/**
 * @ak1/notify-email: coming (see its README).
 * @packageDocumentation
 */
export {}
