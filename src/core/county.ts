/**
 * The county this deployment serves: the ONE place its name is configured.
 * Pages' titles, the navigation bar, documents (bulletins, docx and xlsx
 * exports) and default organiser names read it from here; change `COUNTY`
 * to deploy for another county. The demo county is the one of the seed work
 * report (/work/shared/seed: 《阜新蒙古族自治县政协志》, decision in
 * docs/decisions.md).
 */
export const COUNTY = {
  /** Full legal name of the county, as documents spell it. */
  name: '阜新蒙古族自治县',
  /** The short form people say and titles use (≤ 4 characters). */
  shortName: '阜蒙县'
} as const

/** The committee as people say it, e.g. 阜蒙县政协 (navigation bar, brand line, default organiser). */
export const CPPCC_NAME = `${COUNTY.shortName}政协`
/** The committee's formal name on documents, e.g. 政协阜新蒙古族自治县委员会. */
export const CPPCC_FORMAL_NAME = `政协${COUNTY.name}委员会`
/** The committee's office as author of documents, e.g. 阜蒙县政协办公室. */
export const CPPCC_OFFICE = `${CPPCC_NAME}办公室`

/**
 * The office's usual 报/送 recipients of the 《社情民意》 bulletin, offered as
 * choices on the console's 报/送 form (others may be typed in). `report`
 * (报): the county's leading bodies and the city CPPCC above; `send` (送):
 * the units that act on the items. Change them here for another county.
 */
export const BULLETIN_USUAL_RECIPIENTS = {
  report: ['市政协', '县委', '县人大常委会', '县政府', '县委办公室', '县政府办公室'],
  send: ['各有关单位', '各乡镇人民政府', '各街道办事处', '县直各部门', '政协各专门委员会']
} as const
