export { type SkmElementId, skmElementIds, skmElements } from './elements'
export {
  computeSkm,
  createSkmAccumulator,
  parseSkmResponse,
  type SkmAccumulator,
  type SkmGrade,
  type SkmResponse,
  type SkmResult,
  skmGrade,
  skmResponseSchema,
} from './skm'
