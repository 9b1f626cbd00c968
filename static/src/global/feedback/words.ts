/** Plain words for the feedback codes (the server sends codes; people read words). */
import type { FeedbackChannel, FeedbackKind, FeedbackStatus, FeedbackStep, Party, PartySignOffWay } from '@contract/feedback';

export const KIND_WORDS: Record<FeedbackKind, string> = { compliment: 'Compliment', complaint: 'Complaint', comment: 'Comment' };
export const STATUS_WORDS: Record<FeedbackStatus, string> = { received: 'Received', acknowledged: 'Acknowledged', answered: 'Answered', closed: 'Closed' };
export const STEP_WORDS: Record<FeedbackStep, string> = { acknowledged: 'Acknowledged receipt', investigated: 'Investigation outcome', answered: 'Response', escalated: 'Escalated', closed: 'Closed' };
export const CHANNEL_WORDS: Record<FeedbackChannel, string> = { portal: 'Portal', 'e-mail': 'E-mail', phone: 'Phone', meeting: 'Meeting' };
export const PARTY_WORDS: Record<Party, string> = { CUS: 'Customer', SUP: 'Supplier' };
export const WAY_WORDS: Record<PartySignOffWay, string> = { 'e-mail': 'by e-mail', signature: 'by signature', meeting: 'in a meeting' };
export const statusAppearance = (s: FeedbackStatus): 'new' | 'inprogress' | 'success' | 'default' => (s === 'received' ? 'new' : s === 'closed' ? 'default' : s === 'answered' ? 'success' : 'inprogress');
