/**
 * Cloud function `proposal`: 提案 from a member's draft to the proposer's
 * rating, scoped to a term and session (issue 9; domain.md sections 4 and 6).
 * Actions and their rules: src/core/actions/proposal.ts. Use cases live in
 * files named for the sub-journey; this file is only the route table.
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { afterSource } from '../_shared/ledger'
import { assign, askReturn, insist, overdue, reassign, remind, signFor, tasks } from './assign'
import { answerInvitation, invite, searchMembers, second } from './cosign'
import { exportCompilation, exportDocx, exportList } from './export'
import { publicGet, publicList } from './public'
import { rate } from './rate'
import { assistOpinion, reply } from './reply'
import { file, markKey, merge, notFile, releaseReply, returnForChanges, reviewList } from './review'
import { stats } from './stats'
import { listTerms, listUnits, saveTerm } from './terms'
import { getProposal, mine, saveDraft, submit, withdraw } from './write'

export const main = defineFunction('proposal', {
  'proposal.terms': listTerms,
  'proposal.units': listUnits,
  'proposal.saveTerm': firstAnswer('proposal.saveTerm', saveTerm),
  'proposal.saveDraft': saveDraft,
  'proposal.searchMembers': searchMembers,
  'proposal.invite': invite,
  'proposal.submit': afterSource(submit, 'proposal', (i) => i.id),
  'proposal.withdraw': afterSource(withdraw, 'proposal', (i) => i.id),
  'proposal.mine': mine,
  'proposal.get': getProposal,
  'proposal.answerInvitation': afterSource(answerInvitation, 'proposal', (i) => i.id),
  'proposal.second': second,
  'proposal.reviewList': reviewList,
  'proposal.return': afterSource(returnForChanges, 'proposal', (i) => i.id),
  'proposal.file': afterSource(file, 'proposal', (i) => i.id),
  'proposal.notFile': afterSource(notFile, 'proposal', (i) => i.id),
  'proposal.merge': afterSource(afterSource(merge, 'proposal', (i) => i.id), 'proposal', (i) => i.intoId),
  'proposal.markKey': afterSource(markKey, 'proposal', (i) => i.id),
  'proposal.releaseReply': releaseReply,
  'proposal.assign': assign,
  'proposal.tasks': tasks,
  'proposal.signFor': signFor,
  'proposal.askReturn': askReturn,
  'proposal.reassign': reassign,
  'proposal.insist': insist,
  'proposal.remind': remind,
  'proposal.overdue': overdue,
  'proposal.assistOpinion': assistOpinion,
  'proposal.reply': reply,
  'proposal.rate': rate,
  'proposal.publicList': publicList,
  'proposal.publicGet': publicGet,
  'proposal.stats': stats,
  'proposal.exportList': exportList,
  'proposal.exportDocx': exportDocx,
  'proposal.exportCompilation': exportCompilation
})
