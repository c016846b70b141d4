/**
 * Cloud function `proposal`: 提案 from a member's draft to the proposer's
 * rating, scoped to a term and session (issue 9; domain.md sections 4 and 6).
 * Actions and their rules: src/core/actions/proposal.ts. Use cases live in
 * files named for the sub-journey; this file is only the route table.
 * Every step writes its ledger lines inside its own transaction
 * (`change` in model.ts, decision 93).
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
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
  'proposal.submit': submit,
  'proposal.withdraw': withdraw,
  'proposal.mine': mine,
  'proposal.get': getProposal,
  'proposal.answerInvitation': answerInvitation,
  'proposal.second': second,
  'proposal.reviewList': reviewList,
  'proposal.return': returnForChanges,
  'proposal.file': file,
  'proposal.notFile': notFile,
  'proposal.merge': merge,
  'proposal.markKey': markKey,
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
