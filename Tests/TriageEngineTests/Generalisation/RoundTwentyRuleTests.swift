import Testing
@testable import TriageEngine

/// Rules added in rounds 20 and 21 (docs/quality.md, "Twentieth to twenty-second rounds"), each
/// checked on wording other than the tickets that showed the gap.
@Suite struct RoundTwentyRuleTests {
    @Test(arguments: [
        // The legal department is who is affected or who asks, not who is threatening.
        "Da stamattina le colleghe dell'ufficio legale non vedono più la bacheca Contratti.",
        "ฝ่ายกฎหมายของบริษัทขอเอกสาร SLA เพื่อประกอบการต่อสัญญา รบกวนส่งให้หน่อยครับ",
        "O nosso jurídico pediu o documento de SLA para a renovação do contrato.",
        // Portuguese "garante" (assures) is not the Italian data-protection authority.
        "O banco garante que o cartão está ativo, mas o pagamento continua recusado.",
    ])
    func aLegalDepartmentNamedIsNotAThreat(text: String) {
        let decision = decide(text)
        #expect(decision.issueType.value != .legalThreat, "\(decision.issueType.signals)")
        #expect(decision.urgency.value != .critical, "\(decision.urgency.rule)")
    }

    @Test(arguments: [
        "Se non ricevo risposta entro una settimana, passerò la pratica al nostro ufficio legale.",
        "หากไม่ได้รับการชี้แจงภายใน 7 วัน เราจะส่งเรื่องให้ฝ่ายกฎหมายดำเนินการ",
        "Sem resposta até sexta-feira, vamos encaminhar o caso ao nosso jurídico.",
        "In mancanza di risposta presenterò reclamo al Garante per la protezione dei dati personali.",
    ])
    func handingTheMatterToLawyersStillIs(text: String) {
        #expect(decide(text).urgency.value == .critical)
    }

    @Test func aBlockedTeamWithAPresentationThisAfternoonIsCritical() {
        // Reading 3: a whole team blocked with a deadline within hours. The clock time is written
        // with a space before 点 and an obligation (要) right after it.
        let decision = decide("全组 12 个人都登录不了，一直提示 SSO 错误。下午 3 点要给客户演示，麻烦尽快处理！")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.rule)")
        #expect(decision.entities.contains { $0.kind == .deadline && $0.normalized == "before:15:00" })
    }

    @Test func aRetriedStepIsNotASecondCharge() {
        // 兩次 (twice) inside "tried twice" is a troubleshooting step, not a double charge.
        let decision = decide("登出再登入都試咗兩次，帳單頁寫住 35 個 seat，成員頁仲係 25/25。")
        #expect(decision.issueType.value != .doubleCharge, "\(decision.issueType.signals)")
        // "能不能" asks whether something is possible; 不能 (cannot) inside it is not a failure.
        #expect(decide("能不能直接把 Excel 表格导进来变成任务？", plan: "free").issueType.value != .exportFailure)
    }

    @Test func anAdBlockerIsNotABlockedAccount() {
        // Portuguese "bloqueador" (ad blocker) is not "bloqueado" (blocked).
        let decision = decide("Desativei o bloqueador de anúncios e agora abre normal. Valeu!")
        #expect(decision.issueType.value != .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.urgency.value != .high)
    }

    @Test func beingKeptWaitingIsSlowNotBlocked() {
        // 待たされる: a slow screen with a workaround is medium, not a blocked customer.
        let decision = decide("ダッシュボードを開くたびに30秒ほど待たされます。リロードすれば表示されるので仕事はできています。")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.rule)")
    }

    // Round 21, after its first score: words that had stood for a problem on their own.
    @Test func timeLostIsNotDataLost() {
        let decision = decide("Ho perso mezz'ora tra FAQ e forum: l'app Android funziona anche offline?", plan: "free")
        #expect(decision.issueType.value != .dataLoss, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low, "\(decision.urgency.rule)")
    }

    @Test func somethingChangingByItselfIsNotACompromise() {
        // 勝手に: "by itself" (a two-way calendar sync); with a login it is still a compromise.
        #expect(decide("Googleカレンダーと同期したら、カレンダー側も勝手に変わりますか？", plan: "free").issueType.value != .securityIncident)
        #expect(decide("誰かが私のアカウントに勝手にログインしていました").issueType.value == .securityIncident)
    }

    @Test func notPlanningToUpgradeYetIsAPriceQuestion() {
        // A free customer who says they are not upgrading yet asks a price question: low.
        let decision = decide("ถ้าทีมเรามี 12 คน Pro ตกเดือนละเท่าไหร่ครับ ยังไม่ได้คิดจะอัปเกรดตอนนี้นะครับ", plan: "free")
        #expect(decision.urgency.value == .low, "\(decision.urgency.rule)")
    }

    @Test func arabicNegatorsBeyondLaAndLaysa() {
        // لم ("did not"): "I did not ask for a refund, only a corrected invoice" is not a refund demand.
        let decision = decide("لم أطلب استرداد المبلغ، أريد فقط تصحيح الفاتورة")
        #expect(decision.issueType.value != .refundRequest, "\(decision.issueType.signals)")
    }

    @Test func aLossOrCompromiseTheLatestMessageNamesIsNotHandedBackToTheEarlierProblem() {
        // The latest message decides: the learned model, which also reads the earlier message, does
        // not turn "all our projects were deleted" back into the export failure reported before.
        let export = "The CSV export keeps failing with error 500 when I export my monthly report"
        for (latest, issue) in [("The CSV export of my monthly report failed with error 500 again and all our projects were deleted, the data is gone", IssueType.dataLoss),
                                ("The CSV export still fails with error 500. Someone else logged into our account last night and exported our data, it was not us", .securityIncident)] {
            let conversation = TicketText(messages: [ConversationMessage(role: .customer, content: export),
                                                     ConversationMessage(role: .customer, content: latest)])
            let decision = sharedEngine.triage(conversation, customer: CustomerContext(plan: "enterprise", seats: 200),
                                               knowledge: KnowledgeResult(hits: []))
            #expect(decision.issueType.value == issue, "\(decision.issueType.signals)")
            #expect(decision.urgency.value == .critical && decision.recommendedAction.value == .escalateHuman)
        }
    }
}
