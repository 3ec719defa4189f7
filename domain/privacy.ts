/** Shows a mainland mobile number as 138****1234; anything else is masked but for its last 2 chars. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '')
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length <= 2) return '*'.repeat(digits.length)
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`
}

/** Shows a real name with the surname hidden (*明 / *小明), as the 小哥码 pass and public views do. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return '*'
  return `*${chars.slice(1).join('')}`
}
