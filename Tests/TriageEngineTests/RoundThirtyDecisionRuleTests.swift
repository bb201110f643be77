import Testing
@testable import TriageEngine

/// Round 30 (main languages, decision fields): rules from the errors of round 28, retired into the
/// tuning splits, whose cause recurs there or in another tuning split. Every text here was written for
/// the test, not taken from a split, and each one read differently on the engine before its rule
/// (guards read the same).
@Suite struct RoundThirtyDecisionRuleTests {
    @Test(arguments: [
        "Hi there, is your company hiring? I'd love to send over my CV for a designer role.",
        "Hola, ¿están contratando? Quería mandarles mi currículum para la vacante de soporte.",
        "Buongiorno, state cercando personale in magazzino? Vi allego il mio curriculum. Grazie",
        "Guten Tag, anbei meine Bewerbung und mein Lebenslauf für eine Stelle im Vertrieb. Danke",
        "はじめまして。弊社の広告サービスについてご提案させていただきたく、ご連絡いたしました。",
        "Olá, vocês estão contratando? Queria mandar meu currículo. Obrigado",
    ])
    func aJobApplicationOrSalesPitchIsOffTopic(text: String) {
        // ticket_type table: "unclear or off-topic messages" are general; urgency low: "off-topic
        // messages". A job application or a sales pitch asks nothing of the product; the closing
        // "Danke" is not a compliment and the question is not a how-to.
        let decision = decide(text, plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
    }

    @Test func cantFindTheButtonInAHowToIsAHowTo() {
        // recommended_action: auto_respond for "how to export"; "can't find the button" says where the
        // control is not found, not that the export fails.
        let decision = decide("how do i download my tasks as a csv?? cant find the button anywhere", plan: "free")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aChineseComparativeIsNotAnOvercharge() {
        // "方便多了" is "much handier": praise, not a bill that grew (compliments are general, low).
        let praise = decide("谢谢你们！新版本用起来方便多了，界面也清楚多了。", plan: "pro")
        #expect(praise.issueType.value == .compliment, "\(praise.issueType.signals)")
        #expect(praise.ticketType.value == .general)
        #expect(praise.urgency.value == .low)
        // Guard: a bill that grew is still an overcharge.
        let bill = decide("这个月的账单多了200块，我们也没加人，怎么回事？", plan: "pro")
        #expect(bill.issueType.value == .overcharge, "\(bill.issueType.signals)")
    }

    @Test func thanksForAProblemStaffSolvedIsACompliment() {
        // "compliments and thanks" are low and auto_respond: the problem told inside the thanks is solved.
        let decision = decide("Big thanks to Tom on your team: our calendar sync was broken all afternoon and he sorted it in five minutes. Brilliant service!", plan: "pro")
        #expect(decision.issueType.value == .compliment, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test(arguments: [
        "晚上用这白屏太刺眼了，你们快点加上深色模式吧。",
        "¿Tan difícil es poner un modo oscuro? De noche la pantalla blanca me quema los ojos.",
    ])
    func aDarkModeRequestToldThroughTheGlareIsAFeatureRequest(text: String) {
        // Policy: "an angry dark-mode request stays low". The white screen is the glare, not an outage.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .featureRequest, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
    }

    @Test func aGermanBarePleaIsVague() {
        // Reading 8: a bare request for help or "it's not working" is general/unclear, medium, routed.
        let decision = decide("hilfe nichts geht mehr", plan: nil)
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func chineseAnyoneThereIsAGreeting() {
        // Dev reading: a greeting with nothing else in any script is unclear, low, auto_respond.
        // "有人吗" (anyone there?) fills the gap of the question pattern "有~吗" (is there …?).
        let decision = decide("你好，有人吗？", plan: nil)
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aChineseRemediationPlanIsNotMoney() {
        // Reading 4: legal_threat is general when not about money (GDPR/data letters). "整改方案" is a
        // remediation plan, not a pricing plan (方案).
        let decision = decide("我司法务部发现贵平台未经同意将员工个人信息存储于境外。请在十日内提供整改方案，否则我司将向监管部门举报并追究法律责任。", plan: "enterprise")
        #expect(decision.issueType.value == .legalThreat, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general, "\(decision.ticketType.signals)")
        #expect(decision.productArea.value == .data)
    }

    @Test(arguments: [
        "salve, il commercialista chiede le fatture di quest'anno, dove le trovo? grazie mille",
        "ciao, ho bisogno delle fatture di marzo e aprile, dove le trovo nel profilo? grazie mille!",
    ])
    func anItalianWhereQuestionWithThanksIsTheQuestion(text: String) {
        // "where are invoices" is a billing question (medium for a paying customer); the thanks is politeness.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .invoiceQuestion, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .medium)
    }

    @Test func theLegalDepartmentAskingForAFeatureIsNotAThreat() {
        // A legal threat needs a lawyer, lawsuit, regulator or chargeback; a legal department that requires
        // a retention period is the business case behind a feature request (reading 7).
        let decision = decide("Siamo 300 utenti Enterprise. Il nostro ufficio legale richiede che i contratti si possano conservare per 10 anni: potete aggiungerlo alla roadmap?", plan: "pro")
        #expect(decision.issueType.value == .featureRequest, "\(decision.issueType.signals)")
        #expect(decision.urgency.value != .critical)
        #expect(decision.recommendedAction.value != .escalateHuman)
    }

    @Test(arguments: [
        "Buongiorno, dopo l'import di stanotte mancano circa 300 record nella tabella clienti. Avete un backup da cui recuperarli?",
        "Dopo la sincronizzazione di ieri mancano tutti i dati del progetto Alfa. Avete dei backup?",
    ])
    func italianMissingRecordsAreDataLoss(text: String) {
        // ticket_type table: data loss is technical. "Mancano … record" (records are missing) is the
        // loss; "avete un backup?" asks for the recovery, not whether a feature exists.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .dataLoss, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
    }
}
