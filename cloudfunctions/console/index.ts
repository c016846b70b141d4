/**
 * Cloud function `console`: signing in to the desk console by scanning with
 * WeChat (issue 14). Actions and their rules: src/core/actions/console.ts;
 * sessions: cloudfunctions/_shared/console-session.ts.
 *
 * Deploy: the console reaches every function through the cloud's HTTP access
 * service (HTTP 访问服务), one path per function: `/api/<function name>` ->
 * that function (README, "Deploy"). The local cloud serves the same paths.
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { listSessions, revokeSession, signOut } from './sessions'
import { uploadFile } from './upload'
import { confirmTicket, createTicket, declineTicket, describeTicket, pollTicket } from './tickets'

export const main = defineFunction('console', {
  'console.createTicket': createTicket,
  'console.pollTicket': pollTicket,
  'console.describeTicket': describeTicket,
  'console.confirmTicket': confirmTicket,
  'console.declineTicket': declineTicket,
  'console.sessions': listSessions,
  'console.revokeSession': firstAnswer('console.revokeSession', revokeSession),
  'console.upload': uploadFile,
  'console.signOut': firstAnswer('console.signOut', signOut)
})
