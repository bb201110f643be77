import Testing
@testable import TriageEngine

/// Round 35 (Japanese, Chinese and French, decision fields): lexicon entries from the errors of rounds
/// 32 and 33, whose cause the policy names. Every text here was written for the test, not taken from a
/// split, and each one read differently on the engine before its entry (guards read the same).
@Suite struct RoundThirtyFiveDecisionRuleTests {
    @Test func aChineseCancellationWithWordsBetweenOutweighsAHowTo() {
        // Reading 6: a cancellation of a paid plan is medium and always escalate_human. "把我们的订阅取消"
        // puts the owner between 把 and 订阅取消; the earlier "怎么把" is a how-to already answered.
        let decision = decide("怎么把看板导出来我已经会了。那顺便把我们的订阅取消吧，这个价格扛不住。", plan: "pro")
        #expect(decision.issueType.value == .cancellation, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aTraditionalChineseSuggestionIsAFeatureRequest() {
        // Reading 7: feature requests are low on every plan and acknowledged (auto_respond). "建議一下"
        // offers a wish; the failure it names is the case the wish is for, not a failing export.
        let decision = decide("另外建議一下：匯出失敗時能寄一封通知信給我就好了，有空再做就行。", plan: "pro")
        #expect(decision.issueType.value == .featureRequest, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aPaidPlanAskedToBeSwitchedOnIsAPlanChange() {
        // Reading 1: a plan that was paid for but not applied is plan_change (billing, medium,
        // route_specialist): staff must switch on what was paid.
        let decision = decide("錢都付了，麻煩幫我把方案開通，現在還是舊方案用不了。", plan: "pro")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func backupCodesKeptAsAScreenshotAreA2FALoginFailure() {
        // Dev reading: a free user locked out of 2FA who still has backup codes is login_failure,
        // medium, auto_respond (the policy's "use 2FA backup codes"); "在哪里输入" is not a how-to.
        let decision = decide("换手机后验证器没了，登录进不去，还好备用码之前截图了，要在哪里输入？", plan: "free")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test(arguments: [
        "機種変更で認証アプリが使えずログインできません。バックアップコードは紙にメモしてあります。どこに入力すればいいですか？",
        "Bonjour, nouveau téléphone, je ne peux plus me connecter avec l'application d'authentification. J'ai les codes de secours que j'avais notés. Où faut-il les saisir ?",
    ])
    func backupCodesTheCustomerKeptAreAnsweredFromTheKnowledgeBase(text: String) {
        // auto_respond: "how to reset a password or use 2FA backup codes"; codes noted on paper
        // (紙にメモ) or kept (que j'avais notés) are codes the customer has.
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func japaneseFoldersEmptiedAreDataLoss() {
        // urgency critical: "enterprise ... with data loss"; "全部空っぽになって" says everything is gone.
        let decision = decide("今朝開いたらチームのボードが全部空っぽになっていて、何も残っていません。", plan: "enterprise")
        #expect(decision.issueType.value == .dataLoss, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.urgency.value == .critical)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aFrenchProcesVerbalIsNotALawsuit() {
        // A procès-verbal is the minutes of a meeting: the letter asks for an invoice change (billing
        // questions are medium), not a legal threat (a lawsuit is critical).
        let decision = decide("Bonjour, suite à notre assemblée générale, le procès-verbal demande que les factures soient adressées à la nouvelle trésorière. Pouvez-vous modifier le nom sur nos factures ?", plan: "pro")
        #expect(decision.issueType.value == .invoiceQuestion, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value != .escalateHuman)
    }

    @Test func aFrenchOverchargeWithPaidFeaturesMissingEscalates() {
        // escalate_human: "a frustrated customer with a complex multi-issue complaint (e.g. overcharged
        // *and* paid features missing)"; "l'accès à ce qu'on paie" names the features paid for.
        let decision = decide("On nous facture 49 € par utilisateur au lieu de 39 € depuis le changement de tarif, et les rapports avancés n'apparaissent toujours pas. Je veux l'accès à ce qu'on paie. C'est vraiment pénible.", plan: "pro")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func disputingTheTransactionIsAChargebackThreat() {
        // Reading 4: a refund demand with a chargeback is legal_threat, critical, escalate_human.
        let decision = decide("Vous m'avez facturé 120 $ après mon annulation. Remboursez-moi d'ici lundi ou je conteste la transaction avec ma carte.", plan: "pro")
        #expect(decision.issueType.value == .legalThreat, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test(arguments: [
        "今天一打开就提示 403 没有权限，我是管理员啊，今天要交的稿子全在里面，现在啥也干不了。",
        "Bonjour, erreur 500 dès que j'enregistre un devis, je peux rien sauvegarder.",
        "Depuis ce matin « 403 – Accès refusé » sur le dossier Projets, les autres y accèdent. J'ai des devis à envoyer aujourd'hui.",
        "Slack連携が止まっていて通知がチャンネルに来ません。連携の再接続は3回やりました。",
    ])
    func aProUserBlockedOrRetryingIsHigh(text: String) {
        // urgency high: "a pro or enterprise user blocked from working", "a failure with a deadline",
        // "a pro customer's service disruption (e.g. an integration erroring and holding the team up)".
        // 啥也干不了 and "je peux rien" say nothing can be done; a reconnection already made is a retry.
        let decision = decide(text, plan: "pro")
        #expect(decision.ticketType.value == .technical, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test(arguments: [
        "半額になるなら続けたいです。その割引を適用してもらえますか？",
        "8折的话那就再用一年吧，下次扣款按新价格来。",
    ])
    func aRetentionOfferAcceptedIsAPlanChangeStaffApply(text: String) {
        // Dev reading: "a cancellation withdrawn after a retention offer ... is plan_change, medium,
        // route_specialist (staff apply the discount)".
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    /// A conversation: the customer's messages around one agent reply.
    private func decideConversation(_ first: String, _ reply: String, _ latest: String, plan: String) -> TriageDecision {
        let text = TicketText(messages: [ConversationMessage(role: .customer, content: first),
                                         ConversationMessage(role: .agent, content: reply),
                                         ConversationMessage(role: .customer, content: latest)], subject: nil)
        return sharedEngine.triage(text, customer: CustomerContext(plan: plan, seats: nil), knowledge: KnowledgeResult(hits: []))
    }

    @Test func aCancellationWithdrawnInTheLatestMessageIsAPlanChange() {
        // Dev readings: the latest customer message decides, and a cancellation withdrawn after a
        // retention offer is plan_change, medium, route_specialist; the earlier 取消 must not return.
        let decision = decideConversation("这个月底就不续了，帮我把订阅取消吧。",
                                          "理解。如果您愿意继续使用，接下来一年我们可以给您八折优惠。",
                                          "8折的话那就再用一年吧，下次扣款按新价格来。", plan: "pro")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aFreeCustomerPlanningToUpgradeAsksAPaymentMethodQuestion() {
        // urgency medium: "plan-change questions (including a free customer who wants to upgrade)";
        // a bank transfer asked about is a payment method with a knowledge-base answer.
        let decision = decideConversation("チームプランの料金はいくらですか？",
                                          "チームプランは1ユーザーあたり月額1,200円です。",
                                          "ありがとうございます。年払いで上げようと思うんですが、経理の都合でカードが使えなくて…銀行振込って対応してますか？", plan: "free")
        #expect(decision.issueType.value == .paymentMethod, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aJapaneseFreeCustomerThinkingOfATeamPlanIsMedium() {
        // The same upgrade intent said as "チームプランにしようかと思って": a plan-change question, medium.
        let decision = decide("いま無料プランです。来月からチームプランにしようかと思っていますが、年払いだと割引はありますか？", plan: "free")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
    }

    @Test func payingByBankTransferInsteadIsNotChurn() {
        // churn risk is "we're switching" to another product; 改用银行汇款 switches how the bill is paid.
        let decision = decide("您好，下个月起我们想改用银行汇款付款，不再用现在的信用卡，请问怎么设置？", plan: "pro")
        #expect(decision.issueType.value == .paymentMethod, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aQuestionAboutTheAPIDocumentationIsADocumentationMatter() {
        // Reading 10: feature questions take their topic, documentation among them.
        let decision = decide("Bonjour, est-ce que la documentation de l'API existe aussi en allemand ? Merci", plan: "pro")
        #expect(decision.productArea.value == .documentation, "\(decision.productArea.signals)")
        #expect(decision.urgency.value == .low)
    }

    @Test(arguments: [
        "いつもお世話になっております。御社で中途採用の募集はありますか？応募はどこからできますか？",
        "你好，我们是做企业礼品定制的，价格很有优势，想问问贵公司有没有年会礼品的需要？",
    ])
    func aJobApplicationOrSalesPitchInJapaneseOrChineseIsOffTopic(text: String) {
        // urgency low: "off-topic messages"; ticket_type general: "unclear or off-topic messages". A job
        // asked about (中途採用, 応募) or a supplier's pitch (价格很有优势) asks nothing of the product.
        let decision = decide(text, plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
    }

    @Test func aSettingTheCustomerAsksWhereToChangeIsAnsweredFromTheKnowledgeBase() {
        // auto_respond: "a simple question with a clear knowledge-base answer"; "UTCのまま" (still UTC)
        // says what the setting is now, not an account change staff must carry out.
        let decision = decide("表示がUTCのままなので、タイムゾーンを日本時間に変えたいです。どこで設定できますか？", plan: "pro")
        #expect(decision.issueType.value == .accountSettings, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aJapaneseBoardOpenToEveryoneIsADataMatter() {
        // Dev reading: sensitive data visible to the wrong people through sharing or roles is
        // security_incident, product_area data, critical.
        let decision = decide("人事の者です。給与の一覧を貼ったボードが、いつの間にか全員が閲覧できる状態になっていました。誰が見たのか調べてほしいです。", plan: "enterprise")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.productArea.value == .data, "\(decision.productArea.signals)")
        #expect(decision.urgency.value == .critical)
    }

    @Test func aCountedFrenchTeamBlockedIsNobodyAbleToWork() {
        // urgency critical: "enterprise (or many seats) with an outage, nobody able to work".
        let decision = decide("Erreur 502 partout depuis 10h : les 45 personnes de l'agence sont bloquées, rien ne s'ouvre.", plan: "enterprise")
        #expect(decision.ticketType.value == .technical, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }
}
