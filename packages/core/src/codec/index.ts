export { createRecordCodec, type RecordCodec, SealedWithoutKeyError } from './codec'
export { commandAad, legacyCommandAad, openCommandResult } from './command-aad'
export { isPacked, pack, textOf, unpack } from './pack'
export { createSealer, type Sealer, UnknownKeyError } from './sealer'
