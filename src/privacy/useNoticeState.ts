import { useEffect, useState } from 'react'
import { noticeState, subscribeNotice, type NoticeState } from './notice'

/** The first-open notice's state, re-rendering on change. */
export function useNoticeState(): NoticeState {
  const [state, setState] = useState(noticeState)
  useEffect(() => {
    setState(noticeState())
    return subscribeNotice(setState)
  }, [])
  return state
}
