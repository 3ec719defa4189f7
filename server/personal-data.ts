/** Collections of the privacy features (consent, export, 注销). */
export const CONSENTS = 'consents'
