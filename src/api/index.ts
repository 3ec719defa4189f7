export { call, unwrap, type CallOptions } from './call'
export { newRequestId } from './request-id'
