import Testing
@testable import TriageEngine

/// Round 28 (main languages): rules from the errors of the retired unseen round 11, checked against
/// the other tuning splits. Every text here was written for the test, not taken from a split, and
/// each one read differently on the engine before its rule (guards read the same).
@Suite struct RoundTwentyEightMainRuleTests {
    @Test(arguments: [
        "Complimenti davvero, terza volta questo mese. Stiamo già valutando un altro strumento.",
        "太棒了，这个月第三次了。我们已经在看别家的产品了。",
        "Bravo, vraiment. Deuxième fois cette semaine. On commence à regarder ailleurs.",
    ])
    func praiseFromACustomerWhoIsLeavingOrCountingIsSarcasm(text: String) {
        // Policy: sarcasm is never positive, and a compliment has nothing to fix. Praise next to a
        // counted repetition or a customer looking at another tool is not a compliment, whatever
        // words (if any) the failure itself is told in.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value != .compliment, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value != .positive)
    }

    @Test func praiseNextToACorrectionAskedOfStaffIsSarcasm() {
        // "Bitte Rechnung korrigieren" asks staff to correct an invoice: the praise before it is sarcastic,
        // the ticket is the invoice (billing), and the tone is not positive.
        let decision = decide("Großartig, wirklich. Bitte Rechnung korrigieren: wir sind sieben Leute, nicht zwölf.", plan: "pro")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.signals)")
        #expect(decision.issueType.value != .compliment)
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test func aThankYouStaysACompliment() {
        let decision = decide("Thanks so much, that fixed it! Great support as always.", plan: "pro")
        #expect(decision.issueType.value == .compliment)
        #expect(decision.sentiment.value == .positive)
    }

    @Test(arguments: [
        "希望能增加按标签批量归档的功能，谢谢",
        "Sarebbe utile poter duplicare un modulo con tutte le sue regole. Grazie",
    ])
    func thanksAfterAFeatureRequestIsPoliteness(text: String) {
        // Policy: neutral is "factual, polite, no emotion"; the thanks closing a request is politeness,
        // as it already was after any other request. Praise in a request is still positive (below).
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .featureRequest)
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test func praiseInAFeatureRequestStaysPositive() {
        let decision = decide("I love this app! It would be great to have a dark mode someday.", plan: "pro")
        #expect(decision.sentiment.value == .positive)
    }

    @Test(arguments: [
        "無料プランでもガントチャートは使えますか？",
        "¿En el plan gratis se puede poner fecha de vencimiento a las subtareas?",
        "免费版能用甘特图吗？",
    ])
    func whetherAPlanHasANamedFeatureIsAFeatureQuestion(text: String) {
        // ticket_type table: feature questions are general; a free customer's question about plan limits
        // or prices is the billing plan question (below). Asking whether a named feature is there on a
        // plan is a feature question, product area features.
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .featureQuestion, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.productArea.value == .features)
    }

    @Test(arguments: [
        "How many projects can I have on the free plan?",
        "Quanto costa il piano Pro per cinque persone?",
    ])
    func limitsAndPricesStayPlanQuestions(text: String) {
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .planQuestion)
        #expect(decision.ticketType.value == .billing)
    }

    @Test func aFeatureQuestionNeverTakesAMoneyTopicAsItsArea() {
        // Reading 10: how-to and feature questions take their topic (features, account, authentication,
        // data, documentation); a money word in the question does not make it a billing matter.
        let decision = decide("Kurze Frage: Kann man im Kalender den Monatsbeitrag für jedes Projekt als eigene Spalte anzeigen?", plan: "pro")
        #expect(decision.issueType.value == .featureQuestion)
        #expect(decision.productArea.value != .billing, "\(decision.productArea.signals)")
    }
}
