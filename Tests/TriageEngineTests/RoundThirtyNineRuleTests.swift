import Testing
@testable import TriageEngine

/// Round 39 (Japanese and Chinese): structural causes behind round 39's first-sight errors, each one a
/// general construction rather than a ticket's phrase. Every text here was written for the test, not
/// taken from a split, and each one read differently on the engine (data 2026.12.6.46) before its entry.
@Suite struct RoundThirtyNineRuleTests {
    @Test func aFailureDeniedWithWakeDewaIsNoFailure() {
        // 〜ているわけではない ("it is not the case that …") denies the failure word before it, however far:
        // an enterprise how-to that says 不具合が起きているわけではありません is an enterprise how-to
        // (policy medium: "an enterprise customer's how-to or informational question"), not an SSO failure.
        let decision = decide("来月から全社でSSOを導入する予定です。SAMLの設定手順を教えていただけますか。今のところ不具合が起きているわけではありません。",
                              plan: "enterprise")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value != .escalateHuman)
    }

    @Test func troubleDeniedInKeigoIsNoOutage() {
        // 障害やトラブルが発生しているわけではございません: the keigo form of the same denial.
        let decision = decide("ダッシュボードの共有範囲を部署ごとに分ける方法はありますか。なお、障害やトラブルが発生しているわけではございません。",
                              plan: "enterprise")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.productArea.value != .infrastructure, "\(decision.productArea.signals)")
    }

    @Test func withoutBreakingAndHumanErrorAreNoFailures() {
        // A feature request (policy general: "feature requests"): レイアウトが崩れず is "without the layout
        // breaking", a condition on the wished feature; ヒューマンエラー is a person's mistake in manual work,
        // not a product error. Neither makes it a technical export failure.
        let decision = decide("週次レポートをPDFで自動配信する機能を追加していただけないでしょうか。レイアウトが崩れず、日本語も正しく表示されることが条件です。手作業だとヒューマンエラーも起きますので。",
                              plan: "enterprise")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.productArea.value != .data, "\(decision.productArea.signals)")
        #expect(decision.urgency.value != .high, "\(decision.urgency.signals)")
    }

    @Test func anEmergencyLoginIsASetupNotTimePressure() {
        // 緊急ログイン (a break-glass login kept for admins) names a setup; policy urgent is "time pressure
        // dominates". A calm question is neutral.
        let decision = decide("SSOを強制した後に使う緊急ログインの手段はありますか？")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }
    private func conversation(_ first: String, _ agent: String, _ latest: String, plan: String) -> TriageDecision {
        let text = TicketText(messages: [ConversationMessage(role: .customer, content: first),
                                         ConversationMessage(role: .agent, content: agent),
                                         ConversationMessage(role: .customer, content: latest)], subject: nil)
        return sharedEngine.triage(text, customer: CustomerContext(plan: plan, seats: nil), knowledge: KnowledgeResult(hits: []))
    }

    @Test func itWorkedAfterTheAgentsStepsSettlesTheEarlierFailure() {
        // Dev reading: the latest customer message decides; a thank-you after the fix is a compliment
        // (low, auto_respond). うまくいきました ("it worked") and できました！ ("done!") say the earlier failure
        // is solved, even when the thanks names the error that is gone.
        let worked = conversation("PDFの書き出しが途中でエラーになって止まります。", "期間を分けて、もう一度お試しいただけますか？",
                                  "うまくいきました！もうエラーも出ません。助かりました。", plan: "free")
        #expect(worked.issueType.value == .compliment, "\(worked.issueType.signals)")
        #expect(worked.recommendedAction.value == .autoRespond)
        let done = conversation("エクスポートすると途中でエラーになります。", "期間を分けて、もう一度エクスポートしていただけますか？",
                                "できました！エラーも出なくなりました。ありがとうございます。", plan: "pro")
        #expect(done.ticketType.value == .general, "\(done.issueType.signals)")
        #expect(done.urgency.value == .low, "\(done.urgency.signals)")
    }
    @Test func cantoneseStolenWithItsPerfectiveIsACompromise() {
        // Cantonese puts 咗 between verb and object (俾人盜咗號, 個 account 俾人盜咗: "stolen"), so 盗号 never
        // matches. Policy critical: "any plan with a security breach / account compromise"; worried is
        // "concern without anger" (有啲驚, "a bit scared").
        let decision = decide("我個 account 好似俾人盜咗，有啲驚，要點做？", plan: "free")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.sentiment.value == .worried, "\(decision.sentiment.signals)")
    }
    @Test func anAfternoonHourToDeliverIsADeadlineWithinHours() {
        // Policy critical: "a hard deadline within hours for a blocked team" (any plan; reading 3). The
        // hour may stand between 下午 and 要 (下午四点要给客户演示), and Cantonese says 下晝 for 下午.
        let team = decide("我们组7个人现在都打不开项目，下午四点要给客户演示，麻烦尽快处理。")
        #expect(team.urgency.value == .critical, "\(team.urgency.signals)")
        #expect(team.recommendedAction.value == .escalateHuman)
        // Policy urgent: time pressure dominates ("in two hours", "before 6").
        let cantonese = decide("我哋成個 team 都開唔到網頁，下晝四點要交報告俾老細，快啲幫手！")
        #expect(cantonese.sentiment.value == .urgent, "\(cantonese.sentiment.signals)")
    }
}
