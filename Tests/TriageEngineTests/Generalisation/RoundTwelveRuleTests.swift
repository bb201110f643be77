import Testing
@testable import TriageEngine

/// Rules added in round 12 (docs/quality.md, "Twelfth and thirteenth rounds"), each checked on wording other than
/// the tickets that showed the gap.
@Suite struct RoundTwelveRuleTests {
    @Test(arguments: [
        "Since yesterday the HubSpot sync has stopped and our sales team is entering every deal manually.",
        "Seit dem Update synchronisiert HubSpot nicht mehr, das Vertriebsteam pflegt die Deals jetzt händisch ein.",
        "Shopify 的订单昨天起就不同步了，现在只能手动录入。",
        "A sincronização com o Salesforce parou e o time está fazendo tudo na mão.",
    ])
    func aTeamReKeyingByHandIsHeldUp(text: String) {
        // Policy: "a pro customer's service disruption (an integration erroring and holding the team up)".
        let decision = decide(text, plan: "pro")
        #expect(decision.ticketType.value == .technical, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .high, "\(text): \(decision.urgency.rule)")
    }

    @Test func aThreatIsAngerWhateverElseTheMessageSays() {
        // "for the third time" is frustration, but a regulator complaint makes it hostile (reading 4).
        let text = "Pela terceira vez: cancelei a assinatura e mesmo assim vocês cobraram de novo. Já registrei reclamação no Procon."
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .angry, "\(analysis.sentiment.signals)")
    }

    @Test func praiseBeforeACancellationIsSarcasm() {
        let analysis = analyze("Fantastic, the same advice as the last three times. Enough: cancel our subscription.")
        #expect(analysis.issueType.value == .cancellation)
        #expect(analysis.sentiment.value != .positive, "\(analysis.sentiment.signals)")
    }

    @Test func bisHeuteAloneMeansToDate() {
        let analysis = analyze("Ich habe bis heute keine Antwort auf meine Frage zur Märzrechnung erhalten.")
        #expect(analysis.sentiment.value != .urgent, "\(analysis.sentiment.signals)")
        // With a time of day it is a deadline.
        #expect(analyze("Wir brauchen den Export bis heute Abend, er bricht jedes Mal ab.").sentiment.value == .urgent)
    }

    @Test(arguments: [
        "Nada urgente, pero ¿cómo cambio la zona horaria del calendario?",
        "不是什么紧急的事，想问一下日历的时区在哪里改？",
    ])
    func sayingNothingIsUrgentIsCalm(text: String) {
        #expect(analyze(text).sentiment.value != .urgent)
    }

    @Test func japaneseNandesuIsNotWhy() {
        // なんです ("it is …") holds なんで ("why"), a confused word.
        let analysis = analyze("今は月払いなんですが、年払いに変更できますか？")
        #expect(analysis.sentiment.value != .confused, "\(analysis.sentiment.signals)")
        #expect(analyze("なんでログインできないの？").sentiment.value == .confused)
    }

    @Test func prayingHandsArePleadingNotPraise() {
        // 🙏 next to a failure is "please", not sarcastic praise.
        let analysis = analyze("The CSV export fails every time, could you have a look? 🙏")
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }
}
