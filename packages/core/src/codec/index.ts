export { createRecordCodec, type RecordCodec, SealedWithoutKeyError } from './codec'
export { isPacked, pack, textOf, unpack } from './pack'
export { createSealer, type Sealer, UnknownKeyError } from './sealer'
