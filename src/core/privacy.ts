/** Privacy rules shared by functions and pages (issue 4 "Privacy", issue 5 exports). */

/** 13812345678 -> 138****5678; anything else keeps only its last 2 characters visible. */
export function maskPhone(phone: string | undefined | null): string {
  if (!phone) return ''
  const digits = phone.replace(/\s+/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length <= 2) return '*'.repeat(digits.length)
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`
}
