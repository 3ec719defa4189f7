import { startTransition, useEffect, useState } from 'react'

/**
 * How many rows of a long list to render: `first` in the commit that brings the list, all of them
 * in a transition right after. The rows below the first screen then do not lengthen the task that
 * paints the first screen (h5: React renders a transition in 5 ms slices, so the rest never forms a
 * long task; weapp: the first setData carries only the first rows). Once all are shown, a later
 * list (a refresh, a filter) is shown whole.
 */
export function useRenderLater(count: number, first: number): number {
  const [all, setAll] = useState(false)
  const later = !all && count > first
  useEffect(() => {
    if (later) startTransition(() => setAll(true))
  }, [later])
  return later ? first : count
}
