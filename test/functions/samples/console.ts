/** Sample inputs of the console sign-in actions (issue 14). */
export const consoleSamples = {
  'console.createTicket': {},
  'console.pollTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA', pollSecret: 'B'.repeat(43) },
  'console.describeTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.confirmTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.declineTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.sessions': {},
  'console.revokeSession': { id: 'cs-AAAAAAAAAAAAAAAAAAAAAA' },
  'console.signOut': {}
}
