/**
 * The name shown beside an attached file (src/core/file-name.ts): the
 * person's own name, cleaned by the one text rule, cut by characters as
 * people count them with the extension kept; a stand-in only when nothing
 * readable is left.
 */
import { countCharacters } from '../../src/core/text'
import { fileDisplayName, fileExtension, FILE_NAME_MAX } from '../../src/core/file-name'

test('keeps the person\'s own name, without folders or invisible characters', () => {
  expect(fileDisplayName('城区停车难调研报告.pdf', '附件')).toBe('城区停车难调研报告.pdf')
  expect(fileDisplayName('C:\\fakepath\\答复函（县教育局）.docx', '附件')).toBe('答复函（县教育局）.docx')
  expect(fileDisplayName('/tmp/wx/照片\u200B 2025.jpg', '附件')).toBe('照片 2025.jpg')
  expect(fileDisplayName('家庭👨‍👩‍👧合影.png', '附件')).toBe('家庭👨‍👩‍👧合影.png')
})

test('a name that is too long is cut at a character boundary, keeping the extension', () => {
  const family = '👨‍👩‍👧'
  const long = `${'关于'.repeat(20)}${family.repeat(30)}.pdf`
  const shown = fileDisplayName(long, '附件')
  expect(countCharacters(shown)).toBe(FILE_NAME_MAX)
  expect(shown.endsWith('….pdf')).toBe(true)
  // never half an emoji: every family emoji left is whole
  expect(shown.replace(new RegExp(family, 'gu'), '')).not.toMatch(/[\u200D\uD800-\uDFFF]/)
})

test('nothing readable left: the stand-in', () => {
  expect(fileDisplayName('', '附件')).toBe('附件')
  expect(fileDisplayName(undefined, '佐证材料')).toBe('佐证材料')
  expect(fileDisplayName('/tmp/\u200B\u200B', '附件')).toBe('附件')
  expect(fileDisplayName('..', '附件')).toBe('附件')
})

test('the extension, lower case', () => {
  expect(fileExtension('报告.PDF', 'jpg')).toBe('pdf')
  expect(fileExtension('blob:http://127.0.0.1/1f2e', 'jpg')).toBe('jpg')
})
