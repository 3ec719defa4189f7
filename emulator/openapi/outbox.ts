import fs from 'node:fs'
import path from 'node:path'

/** An append-only JSON-lines file with an in-memory copy (the outbox, the media checks). */
export class JsonlStore<T> {
  private items: T[] = []

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    try {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue
        try {
          this.items.push(JSON.parse(line) as T)
        } catch {
          // a torn last line after a crash: skip it
        }
      }
    } catch {
      // no file yet
    }
  }

  add(item: T): T {
    fs.appendFileSync(this.file, `${JSON.stringify(item)}\n`)
    this.items.push(item)
    return item
  }

  /** Oldest first. */
  list(): T[] {
    return [...this.items]
  }

  clear(): void {
    this.items = []
    fs.writeFileSync(this.file, '')
  }
}

/** One subscribeMessage.send, as the local outbox keeps it. */
export interface OutboxMessage {
  id: string
  /** recipient openid */
  touser: string
  templateId: string
  page?: string
  /** template data, e.g. { thing1: { value: '…' } } */
  data: Record<string, { value: unknown }>
  miniprogramState?: string
  lang?: string
  sentAt: number
  /** the function invocation that sent it */
  invocationId?: string
  functionName?: string
  /** openid of the invocation's caller */
  sender?: string
}

export interface MediaCheckRecord {
  traceId: string
  mediaUrl: string
  mediaType: number
  openid: string
  scene: number
  version: number
  requestedAt: number
  invocationId?: string
  functionName?: string
}
