/**
 * Cloud function `studio`: studios (委员工作室) and their announcements.
 * Actions and their rules: src/core/actions/studio.ts. Use cases:
 * profile.ts (list, profile, create, update), assign.ts (admins, members),
 * announcements.ts (reading), announce.ts (save, publish, review); shared
 * shapes in model.ts. Every mutation answers a retry (same requestId) with
 * its first answer (_shared/first-answer.ts, decision 20).
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { saveAnnouncement, publishAnnouncement, reviewAnnouncement } from './announce'
import { getAnnouncement, listAnnouncements, manageAnnouncements } from './announcements'
import { assign } from './assign'
import { createStudio, getStudio, listStudios, updateStudio } from './profile'

export const main = defineFunction('studio', {
  'studio.list': listStudios,
  'studio.get': getStudio,
  'studio.update': firstAnswer('studio.update', updateStudio),
  'studio.create': firstAnswer('studio.create', createStudio),
  'studio.assign': firstAnswer('studio.assign', assign),
  'studio.announcements': listAnnouncements,
  'studio.announcement': getAnnouncement,
  'studio.manageAnnouncements': manageAnnouncements,
  'studio.saveAnnouncement': firstAnswer('studio.saveAnnouncement', saveAnnouncement),
  'studio.publishAnnouncement': firstAnswer('studio.publishAnnouncement', publishAnnouncement),
  'studio.reviewAnnouncement': firstAnswer('studio.reviewAnnouncement', reviewAnnouncement)
})
