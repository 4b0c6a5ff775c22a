/**
 * @ak1/notify-sms: coming (see its README).
 * @packageDocumentation
 */
export {}
