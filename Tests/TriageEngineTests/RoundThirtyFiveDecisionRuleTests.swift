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
}
