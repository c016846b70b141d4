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
