import { useEffect, useState } from 'react'
import { call } from '@/api'

export interface CommunityOption {
  id: string
  name: string
}

/** The district's communities as seeded (used when the identity function cannot list them). */
const FALLBACK: CommunityOption[] = [
  { id: 'c-xinheping', name: '新和平社区（文晖街道）' },
  { id: 'c-jinzhu', name: '金祝社区（北山街道）' },
  { id: 'c-xixi', name: '西溪社区（西溪街道）' },
]

export function useCommunities(): CommunityOption[] {
  const [list, setList] = useState<CommunityOption[]>(FALLBACK)
  useEffect(() => {
    let alive = true
    call('identity', 'communities', {})
      .then((cs) => alive && cs.length && setList(cs.map((c) => ({ id: c.id, name: `${c.name}（${c.street}）` }))))
      .catch(() => undefined)
    return () => {
      alive = false
    }
  }, [])
  return list
}
