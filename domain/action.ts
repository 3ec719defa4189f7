import type * as z from 'zod/mini'

/** One action of the contract: its input schema, and (as a phantom) its output type. */
export interface ActionSpec<I extends z.ZodMiniType, O> {
  input: I
  /** phantom: carries the output type only */
  readonly output?: O
}

export const action =
  <O>() =>
  <I extends z.ZodMiniType>(input: I): ActionSpec<I, O> => ({ input })
