export { call, prefetch, setCallGate, unwrap, type CallGate, type CallOptions } from './call'
export { newRequestId } from './request-id'
