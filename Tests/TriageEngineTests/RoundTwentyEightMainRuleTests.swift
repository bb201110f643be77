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

    private func reply(_ first: String, _ agent: String, _ latest: String) -> TriageDecision {
        let text = TicketText(messages: [ConversationMessage(role: .customer, content: first),
                                         ConversationMessage(role: .agent, content: agent),
                                         ConversationMessage(role: .customer, content: latest)])
        return sharedEngine.triage(text, customer: CustomerContext(plan: "pro", seats: 3), knowledge: KnowledgeResult(hits: []))
    }

    @Test(arguments: [
        ["Comment j'exporte un tableau en CSV ?", "Menu ⋯ > Exporter > CSV.",
         "Parfait, merci. Autre question : la facture de mars affiche deux fois le même montant de 30 €, vous pouvez vérifier ?"],
        ["Dove trovo le fatture?", "In Impostazioni > Fatturazione.",
         "Perfetto, trovate. Allora potete disattivare il rinnovo automatico? Da gennaio usiamo un altro gestionale."],
        ["Where do I find last month's invoice?", "Settings > Billing > Invoices.",
         "Great, got it. While I'm here: the card was charged twice on the 3rd, same amount. Can you check?"],
    ])
    func praiseOpeningAReplyToTheAgentIsAnAcknowledgement(turns: [String]) {
        // Policy: neutral is "factual, polite"; the praise that opens a reply to the agent thanks them for
        // the answer, it is not sarcasm about the next point.
        let decision = reply(turns[0], turns[1], turns[2])
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.rule) \(decision.sentiment.signals)")
    }

    @Test func praiseBeforeACountedRepetitionIsStillSarcasm() {
        let decision = reply("L'app non si apre", "Stiamo verificando, ci scusiamo.",
                             "Perfetto, grazie. Terza volta questo mese che restiamo fermi mezza giornata.")
        #expect(decision.sentiment.value == .frustrated)
    }

    @Test(arguments: [
        "急ぎではありませんので、設定の手順を教えていただけると助かります。",
        "念のため、原因を調べていただけると助かります。",
    ])
    func japanesePoliteRequestFormIsNotPraise(text: String) {
        // "…していただけると助かります" is the ordinary polite way to ask: thanks, not praise.
        #expect(decide(text, plan: "pro").sentiment.value != .positive)
    }

    @Test(arguments: [
        "Heute um 06:52 kam eine Mail über eine Anmeldung aus Lima, das war niemand von uns.",
        "Since 10:15 today the reports page shows a 502 error for everyone on our team.",
        "oggi alle 11:42 l'export è andato in errore, vi mando l'ID della richiesta.",
    ])
    func aTimeSomethingHappenedAtIsNotADeadline(text: String) {
        // Urgent is "time pressure dominates ('in two hours', 'before 6')": a time logged to the minute or
        // the time trouble started ("since 10:15") says when, not by when.
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value != .urgent, "\(decision.sentiment.signals)")
    }

    @Test func aTimeToMeetIsStillADeadline() {
        #expect(decide("Ich muss bis 15 Uhr das Angebot schicken und komme nicht rein.", plan: "pro").sentiment.value == .urgent)
        // A deadline word before a time off the quarter hours keeps it a deadline.
        let minuteDeadline = sharedEngine.analyze(ticket("The export has to reach the auditors by 16:50 and it keeps failing."))
        #expect(minuteDeadline.entities.contains { $0.kind == .deadline && $0.normalized == "before:16:50" })
    }
}
