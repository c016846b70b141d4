/**
 * Subscription-message templates (订阅消息): the ONE place their ids live.
 * The phone asks consent for these ids (`requestSubscribeMessage`) in the
 * same tap as the action; the functions send with the same ids. The values
 * are placeholders that the local cloud accepts; before release, choose the
 * templates in the mini-program console (订阅消息 -> 选用) and put their ids
 * here. Each template's fields are documented where it is sent.
 */
export const subscriptionTemplates = {
  /** Activity reminder before the start (activity engine, timer `remind`). */
  activityReminder: 'tmpl-activity-reminder',
  /** Activity changed: cancelled, postponed, edited. */
  activityChange: 'tmpl-activity-change',
  /** Promoted from the waitlist. */
  activityPromoted: 'tmpl-activity-promoted',
  /** Invited to a required activity. */
  activityInvitation: 'tmpl-activity-invitation',
  /** Leave request decided. */
  activityLeave: 'tmpl-activity-leave',
  /** A topic the person proposed or supported moved (selected, declined, merged, consulted, closed). */
  topicProgress: 'tmpl-topic-progress',
  /** A public-opinion item the person submitted reached a public step. */
  opinionProgress: 'tmpl-opinion-progress',
  /** A proposal the person leads, co-signs or handles moved (invitation, filed, assigned, replied, reminded...). */
  proposalProgress: 'tmpl-proposal-progress'
} as const
