import Testing
@testable import TriageEngine

/// Round 36 (Japanese, Chinese, Portuguese decision fields): entries from the errors left on rounds 32
/// and 33 whose cause the policy names. Every text here was written for the test, not taken from a
/// split, and each one read differently on the engine before its entry.
@Suite struct RoundThirtySixDecisionRuleTests {
    @Test func aChineseBulkImportQuestionIsAnEnterpriseHowTo() {
        // Urgency medium: "an enterprise customer's how-to or informational question"; auto_respond: a
        // simple question with a clear knowledge-base answer. 导入 is "import", not the Japanese 導入
        // (a rollout) that made it a feature request with a business case.
        let decision = decide("想了解一下：能不能用Excel模板导入用户，同时给他们设好角色？我们这边有200人要加进来。", plan: "enterprise")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aPortugueseStepByStepRequestIsAHowTo() {
        // "passo a passo" asks for the steps: an enterprise how-to (medium, auto_respond), not a login failure.
        let decision = decide("Bom dia, poderiam me enviar o passo a passo para configurar o login via SSO com o Okta? Não é urgente.",
                              plan: "enterprise")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aJapaneseErrorThatAReloadClearsIsMediumForAnEnterprise() {
        // Dev reading: an enterprise 5xx that is sporadic with a workaround is medium (not a major
        // feature broken); リロードすれば直る and 業務自体は回っている are the workaround.
        let decision = decide("一部の画面で時々500エラーが出ます。リロードすればすぐ直りますし、業務自体は回っていますが、原因を調べてください。",
                              plan: "enterprise")
        #expect(decision.issueType.value == .error5xx, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func seatsAtAChineseContractPriceAreAPlanChangeForStaff() {
        // route_specialist: "a plan change that staff must carry out (custom contract, backdating)".
        let decision = decide("我们要加30个席位，但合同里是协议价，后台只能按标价加。这个应该得你们商务那边手动处理吧？", plan: "enterprise")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func anEnterpriseAskingForAFormalQuoteIsRoutedToStaff() {
        // A multi-year contract quoted by sales is a custom contract staff carry out: route_specialist,
        // even where the customer asks it as a plan question.
        let decision = decide("我們目前是企業方案，想請業務提供三年約的正式報價，也想了解多年約有沒有折扣。", plan: "enterprise")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aJapaneseRefundSaidNotToBeAskedIsNoRefund() {
        // Policy: negation counts ("no refund needed"). 返金を求めているわけではありません is a card change
        // asked politely: payment_method, medium, auto_respond.
        let decision = decide("クレジットカードを新しいものに変更したいのですが、どの画面から変更できますか。なお、返金を求めているわけではありません。",
                              plan: "pro")
        #expect(decision.issueType.value == .paymentMethod, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test(arguments: [
        "บิลเดือนนี้เก็บ 12 seats แต่เรามีแค่ 9 seats แถม seat ที่เพิ่มไปก็ยังใช้ไม่ได้เลย ทักไปสองรอบแล้วก็ไม่มีใครแก้ เบื่อมากค่ะ",
        "Cobraram R$ 250 em vez de R$ 150 no upgrade, e paguei mais caro por uma coisa que nem aparece no menu. Já é a terceira vez que escrevo, que absurdo.",
    ])
    func overchargedAndMissingWhatWasPaidForEscalates(text: String) {
        // escalate_human: "a frustrated customer with a complex multi-issue complaint (e.g. overcharged
        // *and* paid features missing)"; seats added that still do not work, a feature paid for that is not there.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func overchargedAndMissingFeaturesAskedAsWhatIsGoingOnEscalates() {
        // The policy's own example of a complex complaint, told as "what is going on?" (confused, not
        // angry words): still the grievance the escalation row names.
        let decision = decide("請求が二倍の24,000円になっていて、お金だけ取られて機能は使えないって、どういうことですか？", plan: "pro")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aCalmOverchargeWithNothingMissingIsStillAChargeToExplain() {
        // Reading 5: an overcharge asked to be explained or corrected, no refund demanded -> route_specialist.
        let decision = decide("今月の請求が24,000円になっていますが、契約では12,000円のはずです。確認して訂正をお願いします。", plan: "pro")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    /// A conversation: the customer's question, the agent's answer, the customer's latest message.
    private func decideConversation(_ first: String, _ reply: String, _ latest: String, plan: String) -> TriageDecision {
        let text = TicketText(messages: [ConversationMessage(role: .customer, content: first),
                                         ConversationMessage(role: .agent, content: reply),
                                         ConversationMessage(role: .customer, content: latest)], subject: nil)
        return sharedEngine.triage(text, customer: CustomerContext(plan: plan, seats: nil), knowledge: KnowledgeResult(hits: []))
    }

    @Test(arguments: [
        ["Wie exportiere ich die Zeiterfassung als CSV? Wie geht das für einen ganzen Monat?", "Hallo! Berichte > Zeiten > Exportieren > CSV.",
         "Danke, gefunden. Nur bricht der Export jetzt immer kurz vor Schluss ab, Meldung 'EXP-TIMEOUT-7'."],
        ["Como exporto as tarefas do quadro em Excel? Como faço para incluir os responsáveis?", "Olá! No quadro, clique em ⋯ > Exportar > Excel.",
         "fiz isso, mas o arquivo baixa com 0 KB, tentei no Chrome e no Firefox."],
        ["How do I export the sprint board as CSV? How do I include the assignees?", "Hi! Board menu ⋯ > Export > CSV, tick 'Include assignees'.",
         "Found it, thanks. The download comes out as a 0 KB file every time though, tried twice."],
    ])
    func aFailureInTheLatestMessageOutweighsTheHowToAskedBefore(messages: [String]) {
        // Dev reading: "in a conversation the latest customer message decides the issue type"; an export
        // failing after the agent answered the how-to is an export failure (technical, route_specialist).
        let decision = decideConversation(messages[0], messages[1], messages[2], plan: "pro")
        #expect(decision.issueType.value == .exportFailure, "\(decision.issueType.signals)")
        #expect(decision.issueType.rule == "issue.latest_problem")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }
}
