export {
  type CheckpointLeaf,
  inclusionProof,
  leafHash,
  merkleRoot,
  sortLeaves,
  verifyInclusion,
} from './merkle'
