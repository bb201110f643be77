import Testing
@testable import TriageEngine

/// Structural ticket-type rules and Italian / Chinese text handling: misreadings of the policy that
/// recurred across the tuned splits and languages (not single phrases). Every text here was written
/// for the test, not taken from a split, and each one read differently before its rule.
@Suite struct TypeAndScriptRuleTests {
    private func conversation(_ turns: [(MessageRole, String)]) -> TicketText {
        TicketText(messages: turns.map { ConversationMessage(role: $0.0, content: $0.1) })
    }

    @Test(arguments: [
        "Please add a PDF export of the Gantt chart with our logo on it. Right now I screenshot it every week.",
        "你们能不能加一个和飞书的集成？现在任务提醒只能推到 Slack，我们国内团队根本用不了，真心建议排进路线图。",
        "Vi chiedo di aggiungere l'esportazione in PDF del diagramma di Gantt: ogni venerdì devo fare gli screenshot a mano.",
    ])
    func aFeatureRequestIsAboutFeatures(text: String) {
        // Reading 10: how-to and feature *questions* take their topic; a request for something the
        // product does not do is about features, whatever it would touch (exports, integrations).
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .featureRequest)
        #expect(decision.productArea.value == .features, "\(decision.productArea.signals)")
    }

    @Test func italianIsThereAWayToAsksForTheSteps() {
        // "c'è un modo per copiare…" is en "is there a way to copy…": a how-to question, not whether a
        // feature exists (the elided "c'è" is folded to "c'e" before matching).
        let decision = decide("ciao! c'è un modo per copiare una bacheca con tutte le etichette ma senza le schede?", plan: "free")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test(arguments: [
        "Здравствуйте, у меня опять ничего не работает. Помогите",
        "又打不开了，啥情况",
        "Salve, da stamattina mi dà problemi e non so più cosa fare. Mi potete aiutare per favore?",
    ])
    func aBreakdownThatNamesNothingIsAVagueReport(text: String) {
        // Reading 8: "it's not working" in any language, with nothing about what fails, is
        // general/unclear, medium, route_specialist (not a pro customer's outage, high). "The site is
        // down" (no failure word, an outage named) stays an outage (UrgencyPolicyTests).
        let decision = decide(text, plan: "pro")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.rule) \(decision.issueType.signals)")
        #expect(decision.issueType.value == .unclear)
        #expect(decision.urgency.value == .medium, "\(decision.urgency.rule)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func anOutageToldWithItsDetailStaysAnOutage() {
        let decision = decide("Plus rien ne marche depuis 14h, page blanche partout. On est 6 dans l'équipe et tout le monde est bloqué.", plan: "pro")
        #expect(decision.issueType.value == .outage)
        #expect(decision.urgency.value == .high)
    }

    @Test func aBarePleaIsNotHandedToTheLearnedModel() {
        // A plea that names nothing is unclear by the policy; the character model read a login failure.
        let decision = decide("제발 도와주세요", plan: nil)
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
    }

    @Test func chineseZenmeBeforeLeOrYouAsksWhatIsWrong() {
        // 怎么 + 了/又 ("你们这个又怎么了") asks what is wrong, not how to do something: a vague report,
        // not a how-to question answered from the knowledge base.
        let decision = decide("你们这个又怎么了？？用不了啊", plan: "pro")
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test(arguments: [
        ("Non trovo più le etichette colorate sulle schede, sono sparite dopo l'aggiornamento.",
         "Prova ad attivare 'Mostra etichette' nel menu Vista.", "Trovate!! Grazie mille, gentilissimi e velocissimi 🙏"),
        ("导出的 PDF 里中文全是方框，换了几个浏览器都一样。", "请在导出设置里把字体改成「思源黑体」再试一次。", "行了行了！！完美 👍 你们真给力，谢谢～"),
    ])
    func aLatestMessageThatOnlyThanksSettlesTheConversation(problem: String, answer: String, thanks: String) {
        // The latest message decides: thanks and praise with no problem, request or question of their
        // own mean the earlier problem is solved, however "it works now" was said.
        let text = conversation([(.customer, problem), (.agent, answer), (.customer, thanks)])
        let decision = sharedEngine.triage(text, customer: CustomerContext(plan: "pro", seats: 4), knowledge: KnowledgeResult(hits: []))
        #expect(decision.issueType.value == .compliment, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.sentiment.value == .positive)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func thanksWithTheProblemStillThereIsNotSettled() {
        let text = conversation([(.customer, "The weekly export fails with an error."), (.agent, "Could you try again now?"),
                                 (.customer, "Thanks, but it still fails with the same error.")])
        let decision = sharedEngine.triage(text, customer: CustomerContext(plan: "pro", seats: 4), knowledge: KnowledgeResult(hits: []))
        #expect(decision.issueType.value == .exportFailure)
    }

    @Test(arguments: [
        "Provo ad aggiornare la carta di credito ma quando clicco Salva la pagina di pagamento dà errore 502 Bad Gateway. Il rinnovo non è andato a buon fine e tra 5 giorni sospendono l'account.",
        "Quando clicco su Scarica PDF nella pagina Fatture esce un errore 500 Internal Server Error. Mi serve la fattura di ottobre per la contabilità.",
    ])
    func oneErrorPageToldThreeWaysIsStillOnePage(text: String) {
        // "Money wins" a mixed ticket: an error page named by its phrase, its name and its HTTP number
        // is one page met while paying or downloading an invoice, and the money task is what failed.
        // No knowledge-base answer gets past it: the billing team looks at it.
        let decision = decide(text, plan: "pro")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.rule) \(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist, "\(decision.recommendedAction.rule)")
    }
}
