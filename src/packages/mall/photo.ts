/** weapp shows cloud fileIDs directly; the h5 demo has no public photo URLs, so it shows the glyph. */
export const photoOf = (item: { photos: string[] }): string | null => (process.env.TARO_ENV === 'weapp' ? item.photos[0] ?? null : null)
