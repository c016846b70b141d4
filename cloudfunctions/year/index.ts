/**
 * Cloud function `year`: the year at a glance (issue 10) — the work review's
 * figures from the product's own records, the records behind each figure,
 * the exports, and the office's records of the work the review counts.
 * Actions and their rules: src/core/actions/year.ts; figure definitions:
 * src/core/figures.ts.
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { designate, listContacts, listSubjects, recordPast, saveContact, saveOutcome, saveReport, saveSubject, undesignate } from './entries'
import { exportYear } from './export'
import { yearFigures } from './figures'
import { figureRecords } from './records'

export const main = defineFunction('year', {
  'year.figures': yearFigures,
  'year.records': figureRecords,
  'year.export': exportYear,
  'year.subjects': listSubjects,
  'year.saveSubject': saveSubject,
  'year.saveReport': saveReport,
  'year.saveOutcome': firstAnswer('year.saveOutcome', saveOutcome),
  'year.designate': firstAnswer('year.designate', designate),
  'year.undesignate': firstAnswer('year.undesignate', undesignate),
  'year.saveContact': saveContact,
  'year.contacts': listContacts,
  'year.recordPast': recordPast
})
