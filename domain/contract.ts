import type { z } from 'zod'
import { emptyInput } from './schemas/common'
import type { MeView } from './entities/user'

/**
 * The API contract: function → action → input schema and output type. The app's client and every
 * function's router are typed from this one object, so a renamed action breaks the build on both sides.
 */
interface ActionSpec<I extends z.ZodType, O> {
  input: I
  /** phantom: carries the output type only */
  readonly output?: O
}

const action = <O>() => <I extends z.ZodType>(input: I): ActionSpec<I, O> => ({ input })

export const contract = {
  user: {
    me: action<MeView>()(emptyInput),
  },
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
  Spec<F, A> extends ActionSpec<z.ZodType, infer O> ? O : never
