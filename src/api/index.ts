export { call, prefetch, setCallGate, unwrap, type CallGate, type CallOptions, type GateAnswer } from './call'
export { newRequestId } from './request-id'
