/**
 * h5: Taro's previewImage builds its viewer from Taro's Swiper component and the Swiper library,
 * ~300 KB that a page showing photos does not need until a photo is tapped. It is fetched then, as
 * its own chunk (the module is the one `@tarojs/taro` re-exports on h5).
 */
export async function previewImage(urls: string[], current?: string): Promise<void> {
  const { previewImage: preview } = await import(/* webpackChunkName: "preview-image" */ '@tarojs/taro-h5/dist/api/media/image/previewImage.js')
  await preview({ urls, ...(current ? { current } : {}) })
}
