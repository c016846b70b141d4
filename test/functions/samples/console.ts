/** Sample inputs of the console sign-in actions (issue 14). */
export const consoleSamples = {
  'console.createTicket': {},
  'console.pollTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA', pollSecret: 'B'.repeat(43) },
  'console.describeTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.confirmTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.declineTicket': { ticket: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'console.sessions': {},
  'console.revokeSession': { id: 'cs-AAAAAAAAAAAAAAAAAAAAAA' },
  'console.signOut': {},
  // a tiny PDF (type by content: %PDF-); every console role may send a document
  'console.upload': { kind: 'document', name: '说明.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64') }
}
