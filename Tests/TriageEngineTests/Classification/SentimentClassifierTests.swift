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

    @Test func warmThanksAfterAQuestionIsPoliteness() {
        // Policy: polite is neutral; thanks closing a how-to question is politeness, however warm.
        for text in ["How do I set a reminder for a due date? Thank you so much",
                     "Ciao, come si imposta un promemoria per una scadenza? Grazie mille",
                     "Wie stelle ich eine Erinnerung ein? Vielen Dank"] {
            let sentiment = analyze(text).sentiment
            #expect(sentiment.value == .neutral, "\(text): \(sentiment.rule) \(sentiment.signals)")
        }
        // Warm thanks next to a reported problem is politeness too, not sarcasm.
        #expect(analyze("Der Export funktioniert seit gestern nicht, die Datei ist leer. Vielen Dank im Voraus.").sentiment.value == .neutral)
        // Praise besides the thanks is still praise, and a thank-you on its own is positive.
        #expect(analyze("Thank you so much, the new dashboard is brilliant! How do I share it with my team?").sentiment.value == .positive)
        #expect(analyze("Grazie mille!").sentiment.value == .positive)
    }

    @Test func negatedPraiseIsNotPositive() {
        #expect(analyze("I am not happy with this").sentiment.value != .positive)
    }
}
