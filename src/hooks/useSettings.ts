import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AppSettings } from '@domain/user/settings'
import { AppError } from '@domain/errors'
import { call } from '@/api'

/**
 * The deployment's settings (`user.settings`: communities, map centre and presets, subscribe-message
 * template ids), shared by every page. Cached in storage so a returning rider's pages render at once
 * with what they saw last; asked again once per launch (and after `STALE_MS`), and whenever a page
 * says it changed them (`refreshSettings`, e.g. after an admin adds a community).
 */
const STORAGE_KEY = 'user.settings.v1'
const STALE_MS = 30 * 60_000

interface Stored {
  savedAt: number
  settings: AppSettings
}

let current: AppSettings | undefined
let fetchedAt = 0
let inflight: Promise<AppSettings> | null = null
let lastError: AppError | undefined
let restored = false
const listeners = new Set<() => void>()
const notify = () => listeners.forEach((l) => l())

function restore(): void {
  if (restored) return
  restored = true
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as Stored | '' | undefined
    if (stored && typeof stored === 'object' && stored.settings && Array.isArray(stored.settings.communities)) current = stored.settings
  } catch {
    // storage unavailable: ask the server
  }
}

/** Asks the server now (one call at a time); resolves with the settings, rejects with an AppError. */
export function refreshSettings(): Promise<AppSettings> {
  if (!inflight && lastError) {
    // a new attempt: pages show loading again rather than the last failure (e.g. at launch offline)
    lastError = undefined
    notify()
  }
  inflight ??= call('user', 'settings', {})
    .then((s) => {
      current = s
      fetchedAt = Date.now()
      lastError = undefined
      try {
        Taro.setStorageSync(STORAGE_KEY, { savedAt: fetchedAt, settings: s } satisfies Stored)
      } catch {
        // storage full: the settings still hold for this launch
      }
      return s
    })
    .catch((err: unknown) => {
      lastError = err instanceof AppError ? err : new AppError('INTERNAL')
      throw lastError
    })
    .finally(() => {
      inflight = null
      notify()
    })
  return inflight
}

/** The settings known right now (cached or fetched), for code that must not wait: a tap handler. */
export function currentSettings(): AppSettings | undefined {
  restore()
  return current
}

export interface UseSettings {
  settings: AppSettings | undefined
  /** the last fetch failed (settings may still be the cached ones) */
  error: AppError | undefined
  refresh: () => Promise<void>
  /** a community's name (its id while the settings are unknown) */
  communityName: (id: string) => string
}

export function useSettings(): UseSettings {
  restore()
  const [, setVersion] = useState(0)
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1)
    listeners.add(listener)
    if (!inflight && Date.now() - fetchedAt > STALE_MS) refreshSettings().catch(() => undefined)
    return () => {
      listeners.delete(listener)
    }
  }, [])
  const settings = current
  return {
    settings,
    communityName: (id) => settings?.communities.find((c) => c.id === id)?.name ?? id,
    error: lastError,
    refresh: () => refreshSettings().then(
      () => undefined,
      () => undefined,
    ),
  }
}

/** Tests: forget everything (module state outlives a test's render). */
export function resetSettingsForTests(): void {
  current = undefined
  fetchedAt = 0
  inflight = null
  lastError = undefined
  restored = false
  listeners.clear()
}
