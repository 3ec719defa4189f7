export { call, prefetch, unwrap, type CallOptions } from './call'
export { newRequestId } from './request-id'
