export { startCluster, superuserPassword, type TestCluster } from './cluster.mjs'
