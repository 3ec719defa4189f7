/**
 * 内容安全 (`moderation`): no actions callable from the app; the function only receives WeChat's
 * image-check verdicts (see server/content-check.ts).
 */
export const moderationContract = {}
