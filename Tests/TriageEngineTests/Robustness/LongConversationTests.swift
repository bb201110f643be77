import Testing
@testable import TriageEngine

/// A conversation longer than the engine reads: what it keeps is the newest part.
@Suite struct LongConversationTests {
    private func conversation(_ customerMessages: [String]) -> TicketText {
        var messages = [ConversationMessage]()
        for (index, text) in customerMessages.enumerated() {
            if index > 0 { messages.append(ConversationMessage(role: .agent, content: "Thanks, we are looking into it.")) }
            messages.append(ConversationMessage(role: .customer, content: text))
        }
        return TicketText(messages: messages, subject: nil)
    }

    @Test func theLatestMessageIsReadWhenEarlierOnesFillTheBudget() {
        // Three earlier messages of ~7,000 characters each exceed the conversation budget together.
        let filler = String(repeating: "Our team plans its weekly sprints on the board and shares notes there. ", count: 100)
        let analysis = sharedEngine.analyze(conversation([filler, filler, filler, "You charged my card twice for the same invoice this month."]))
        #expect(analysis.issueType.value == .doubleCharge)
        #expect(analysis.ticketType.value == .billing)
        #expect(analysis.cues.contains { $0.name == "long_text" })
    }

    @Test func onlyTheLatestCustomerMessagesAreRead() {
        // A login failure reported long ago, then many short billing follow-ups: the old report is
        // beyond the messages read and cannot outweigh them.
        let old = ["I cannot log in as anna@example.com, the password reset link never arrives and I am locked out of my account."]
        let recent = Array(repeating: "Where do I download last month's invoice as a PDF?", count: TriageEngine.customerMessageLimit)
        let analysis = sharedEngine.analyze(conversation(old + recent))
        #expect(analysis.ticketType.value == .billing)
        #expect(!analysis.entities.contains { $0.messageIndex == 0 }, "the first message is not read")
        #expect(analysis.cues.contains { $0.name == "long_text" })
        let short = sharedEngine.analyze(conversation(old + recent.prefix(3)))
        #expect(!short.cues.contains { $0.name == "long_text" }, "a conversation within the limits is read whole")
    }
}
