import Testing
@testable import TriageEngine

/// Rules added in round 8 (docs/quality.md, "Eighth to tenth rounds"): each holds for wording beyond the
/// tickets that showed the gap.
@Suite struct ConversationalCueTests {
    @Test(arguments: [("Salve", "it"), ("Allô ??", "fr"), ("Hallöchen?", "de"), ("Buenas tardes", "es"), ("Boa noite!", "pt")])
    func aBareGreetingIsReadInItsOwnLanguageAndAnsweredPolitely(text: String, language: String) {
        let decision = decide(text, plan: nil)
        #expect(decision.language.value == language, "\(decision.language.signals)")
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aGreetingWithAProblemIsNotGreetingOnly() {
        let decision = decide("bonjour ça fonctionne plus de mon côté vous pouvez m'aider", plan: nil)
        #expect(decision.language.value == "fr")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func tomorrowWithATimeOfDayIsADeadline() {
        for text in ["necesito el reporte en CSV para el cliente mañana a las 9 y la exportación falla",
                     "mi serve l'export CSV domani alle 9 e continua a fallire",
                     "I need the CSV export for the client tomorrow at 9am and it keeps failing"] {
            let decision = decide(text, plan: "pro")
            #expect(decision.entities.contains { $0.kind == .deadline && $0.normalized == "before:tomorrow" }, "\(text)")
            #expect(decision.urgency.value == .high, "\(text)")
        }
        // Today or a weekday with a time is as often when something happened.
        let past = analyze("Ich habe heute Nacht um 03:12 Uhr eine Mail bekommen: neue Anmeldung in Ihrem Konto.")
        #expect(!past.entities.contains { $0.kind == .deadline })
        // Tomorrow with a number that is not a time of day.
        #expect(!analyze("Tomorrow 3 people join the team, how do I add seats?").entities.contains { $0.kind == .deadline })
    }

    @Test func aLegalDepartmentAskingQuestionsIsNotAThreat() {
        let question = decide("本公司現正準備續約企業版，法務部希望在簽署前確認：企業版承諾的每月可用率是多少？", plan: "enterprise")
        #expect(question.issueType.value != .legalThreat, "\(question.issueType.signals)")
        #expect(question.urgency.value != .critical)
        let questionJa = decide("契約更新の前に、法務部がSLAの稼働率について確認したいそうです。資料はありますか？", plan: "enterprise")
        #expect(questionJa.issueType.value != .legalThreat, "\(questionJa.issueType.signals)")
        // Handing the matter to the legal department still is one.
        let threat = decide("三次扣款都没人处理，我们会把这件事交给法务处理。", plan: "pro")
        #expect(threat.urgency.value == .critical)
        #expect(threat.recommendedAction.value == .escalateHuman)
        let threatJa = decide("返金されない場合は法務部に相談します。", plan: "pro")
        #expect(threatJa.urgency.value == .critical)
    }

    @Test func sayingWorkIsNotStoppedKeepsARepeatedFailureMedium() {
        let text = "1日に数回、ダッシュボードで「502 Bad Gateway」が出ます。先週から何度も出ていて困っています。業務が止まっているわけではありません。"
        let decision = decide(text, plan: "enterprise")
        #expect(decision.issueType.value == .error5xx)
        #expect(decision.urgency.value == .medium, "\(decision.urgency.rule)")
    }

    @Test(arguments: [
        "Coucou, j'ai réglé l'abonnement Pro hier soir, bien débité sur ma Visa, mais mon espace est toujours marqué Gratuit. C'est normal ?",
        "Abbiamo acquistato l'add-on Automazioni, pagamento andato a buon fine, ma la sezione non risulta attiva. Cosa dobbiamo fare?",
        "昨日メンバーの席を5席追加しました。カードの明細にも出ていますが、招待しようとすると上限に達していると出ます。お金だけ払った状態でしょうか？",
        // Round 9: any wording of "paid" with any wording of "still" (cues paid and still, row paid_not_applied).
        "昨天已经付了企业版的年费，银行也扣款了，可后台还是写着专业版，是哪里没生效吗？",
        "I upgraded to Pro yesterday and the payment went through, but the workspace still shows Free. Did I miss a step?",
        "Ya pagamos el plan Pro y el cobro está en la tarjeta, pero en Configuración > Plan sigue diciendo Gratis.",
    ])
    func aPlanPaidForButNotAppliedGoesToTheBillingTeam(text: String) {
        let decision = decide(text, plan: "pro")
        #expect([.planChange, .planQuestion].contains(decision.issueType.value), "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist, "\(decision.recommendedAction.rule)")
    }
}
