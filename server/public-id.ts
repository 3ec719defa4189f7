import { hmac, signingKey } from './signing'

/**
 * The id by which an answer names another person (a merchant behind an item, a volunteer on a
 * roster, a staff member, an approved merchant's place): a keyed hash of their openid (issue 14: no
 * openid, nor anything anyone could derive from one, in answers). Stable, so lists and links keep
 * working; keyed (PUBLIC_ID_SIGNING_KEY, a function secret), so knowing an openid does not reveal
 * whether it is behind an id; one-way, so an action given such an id finds the person by comparing
 * it with the candidates it loads anyway (the staff, an activity's sign-ups).
 */
export const publicIdOf = (openid: string, env: NodeJS.ProcessEnv = process.env): string =>
  `u${hmac(signingKey('PUBLIC_ID_SIGNING_KEY', env), `public-id|${openid}`).toString('base64url').slice(0, 22)}`
