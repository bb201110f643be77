import Testing
@testable import TriageEngine

@Suite struct SentimentClassifierTests {
    @Test(arguments: [
        ("Thanks a lot, this is great, love it!", Sentiment.positive),
        ("Can you tell me where the invoices are?", .neutral),
        ("I don't understand why my bill is higher this month", .confused),
        ("I'm a bit worried, is my data safe?", .worried),
        ("This is the third time it fails, still not working. Unacceptable.", .frustrated),
        ("This is a scam, you are incompetent thieves", .angry),
        ("URGENT: we need this fixed ASAP, the demo is in two hours", .urgent),
        ("Everything is gone!!! All our data!!! This cannot be happening!!!", .panicked),
        ("Esto es inaceptable, otra vez lo mismo", .frustrated),
        ("至急対応してください", .urgent),
    ])
    func classifies(text: String, expected: Sentiment) {
        let sentiment = analyze(text).sentiment
        #expect(sentiment.value == expected, "\(text): \(sentiment.signals)")
    }

    @Test func threatsAreAngry() {
        #expect(analyze("If I don't get my money back I will contact my lawyer").sentiment.value == .angry)
    }

    @Test func latestCustomerMessageDecides() {
        let text = TicketText(messages: [
            ConversationMessage(role: .customer, content: "This is unacceptable, the export failed again!"),
            ConversationMessage(role: .agent, content: "Sorry about that, it should work now."),
            ConversationMessage(role: .customer, content: "It works now, thank you so much!"),
        ])
        #expect(sharedEngine.analyze(text).sentiment.value == .positive)
    }

    @Test func negatedPraiseIsNotPositive() {
        #expect(analyze("I am not happy with this").sentiment.value != .positive)
    }
}
