import Testing
@testable import TriageEngine

/// Round 37 (Chinese): entries from the Chinese errors on round 37 whose cause the policy or a README
/// reading names. Every text here was written for the test, not taken from a split, and each one read
/// differently on the engine (data 2026.12.5.38) before its entry.
@Suite struct RoundThirtySevenChineseRuleTests {
    @Test func aContractNotRenewedIsACancellation() {
        // Reading 6: cancellation of a paid plan is medium and always escalate_human. 不再续签 is the
        // formal "will not renew"; the 导出 asked about on the way out is not an export failure.
        let decision = decide("您好，我们公司的企业版合同下个月到期，管理层决定不再续签，请协助确认数据导出方式，并在到期前关闭自动续约。",
                              plan: "enterprise")
        #expect(decision.issueType.value == .cancellation)
        #expect(decision.issueType.signals.contains { $0.contains("不再续签") }, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func payingFromTheCompanyAccountIsAPaymentMethod() {
        // 改用公司账户汇款 is paying another way, not "we're switching" (churn); a card's foreign
        // transaction (国外交易) is not a sign-in from abroad. A paying customer's billing question:
        // medium, auto_respond.
        let decision = decide("下一年的费用可以改用公司账户汇款吗？我们财务说刷卡做国外交易要走很多流程。")
        #expect(decision.issueType.value == .paymentMethod, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func anAngryDarkModeRequestIsAFeatureRequest() {
        // Policy: "an angry dark-mode request stays low". A request left hanging (需求挂了) and the glare
        // of a white screen (大白屏) are not an outage.
        let decision = decide("怎么到现在还没有深色模式？？晚上盯着大白屏太伤眼了，这个需求挂了好久了。")
        #expect(decision.issueType.value == .featureRequest)
        #expect(decision.issueType.signals.contains { $0.contains("还没有深色模式") }, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func anAgencyPartnershipPitchIsOffTopic() {
        // A sales pitch is off-topic: low, answered politely (auto_respond), not a contact question.
        let decision = decide("你好，我们团队专门做短视频代运营，想和贵司谈谈合作推广的机会，可以给个商务联系方式吗？", plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }
}
