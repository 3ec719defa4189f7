/** Page paths used for navigation (keep in step with app.config.ts). */
export const WORKER_HOME = '/packages/worker/index/index'
export const RIDER_PRIVACY = '/packages/rider/privacy/index'
export const PLACE_DETAIL = '/packages/places/detail/index'
