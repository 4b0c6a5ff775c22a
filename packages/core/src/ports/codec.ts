export * from '../codec/index'
