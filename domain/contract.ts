import type * as z from 'zod/mini'
import type { ActionSpec } from './action'
import { userContract } from './user/contract'
import { placesContract } from './places/contract'
import { pointsContract } from './points/contract'
import { mallContract } from './mall/contract'
import { merchantContract } from './merchant/contract'
import { volunteerContract } from './volunteer/contract'
import { suggestionsContract } from './suggestions/contract'
import { identityContract } from './identity/contract'
import { adminContract } from './admin/contract'
import { moderationContract } from './moderation/contract'
import { workbenchContract } from './workbench/contract'
import { compoundsContract } from './compounds/contract'

/**
 * The API contract: function → action → input schema and output type. The app's client and every
 * function's router are typed from this one object, so a renamed action breaks the build on both
 * sides. Each function's actions live in `<function>/contract.ts`.
 */
export const contract = {
  user: userContract,
  places: placesContract,
  points: pointsContract,
  mall: mallContract,
  merchant: merchantContract,
  volunteer: volunteerContract,
  suggestions: suggestionsContract,
  identity: identityContract,
  admin: adminContract,
  moderation: moderationContract,
  workbench: workbenchContract,
  compounds: compoundsContract,
} as const

export type Contract = typeof contract
export type FnName = keyof Contract
export type ActionName<F extends FnName> = keyof Contract[F] & string
type Spec<F extends FnName, A extends ActionName<F>> = Contract[F][A]
export type InputOf<F extends FnName, A extends ActionName<F>> =
  Spec<F, A> extends ActionSpec<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<F extends FnName, A extends ActionName<F>> =
  Spec<F, A> extends ActionSpec<infer I, unknown> ? z.output<I> : never
export type OutputOf<F extends FnName, A extends ActionName<F>> =
  Spec<F, A> extends ActionSpec<z.ZodMiniType, infer O> ? O : never
