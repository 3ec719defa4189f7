import { uploadImage } from './upload'

/** A 微事我言 photo (report or fix) into the folder `suggestions.uploadDir` names (a pseudonym, no openid). */
export const uploadSuggestionPhoto = (tempFilePath: string, dir: string, onProgress: (p: number) => void): Promise<string> =>
  uploadImage(tempFilePath, dir, { onProgress })
