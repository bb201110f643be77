import Testing
import TriageContracts
@testable import TriageGateway

/// How a request's messages are found in a stored conversation: what makes a retry a retry.
@Suite("Messages of a retry found in the stored conversation")
struct ConversationMatchingTests {
    private func customer(_ text: String, at micros: Int64) -> SessionMessage {
        SessionMessage(role: .customer, content: text, sentAtMicros: micros)
    }

    @Test func aTimestampTheStoreMovedForwardIsStillTheSameMessage() {
        // customer-service keeps a conversation in order: a follow-up stamped before the gateway's
        // reply to the message before it is stored just after that reply.
        let stored = [customer("first", at: 1_000), SessionMessage(role: .agent, content: "reply", sentAtMicros: 9_000),
                      customer("second", at: 9_001)]
        #expect(Conversation.contains(stored, all: [customer("second", at: 2_000)]))
        #expect(Conversation.unseen([customer("second", at: 2_000)], after: stored).isEmpty)
    }

    @Test func aStoredMessageEarlierThanTheIncomingOneIsADifferentMessage() {
        // The same words sent again later are a new message, not a retry of the old one.
        let stored = [customer("ok", at: 5_000)]
        #expect(!Conversation.contains(stored, all: [customer("ok", at: 6_000)]))
        #expect(Conversation.unseen([customer("ok", at: 6_000)], after: stored).count == 1)
    }

    @Test func orderAndRolesStillCount() {
        let stored = [customer("a", at: 1), customer("b", at: 2)]
        #expect(!Conversation.contains(stored, all: [customer("b", at: 2), customer("a", at: 1)]))
        #expect(!Conversation.contains(stored, all: [SessionMessage(role: .agent, content: "a", sentAtMicros: 1)]))
        #expect(Conversation.contains(stored, all: [customer("a", at: 0), customer("b", at: 0)]), "no timestamp: words and order decide")
    }

    @Test func anActiveTicketHoldingTheMessagesIsWhereARetryOfAJoinLands() {
        let joined = SessionRecord(ticketID: "TKT-AAAAAAAA", customerID: "c", messages: [customer("first", at: 10), customer("second", at: 20)])
        let other = SessionRecord(ticketID: "TKT-BBBBBBBB", customerID: "c", messages: [customer("second", at: 30)])
        #expect(TicketWorkflow.holding([customer("second", at: 20)], among: [other, joined])?.ticketID == "TKT-AAAAAAAA")
        // Without a timestamp a retry cannot be told from a repetition: no ticket is taken for holding it.
        #expect(TicketWorkflow.holding([customer("second", at: 0)], among: [joined]) == nil)
    }

    @Test func theReplyIsStampedAfterEveryMessageItAnswers() {
        // The reply's time goes to both stores at once, so it is set by the gateway: now, unless a
        // client's clock put a message later (then just after it, as customer-service would move it).
        let earlier = [customer("first", at: 1_000), customer("second", at: 2_000)]
        #expect(TicketWorkflow.replyStamp(after: earlier, now: 5_000) == 5_000)
        let ahead = [customer("from a clock ahead", at: 9_000)]
        #expect(TicketWorkflow.replyStamp(after: ahead, now: 5_000) == 9_001)
        #expect(TicketWorkflow.replyStamp(after: [], now: 5_000) == 5_000)
    }
}
