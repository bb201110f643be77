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

    @Test func aFreeUsersFifthFailedLoginIsHigh() {
        // Reading 2: "a free user's fifth failed login is high" (repeated failed attempts with
        // frustration); 第五次了 is the frustration at repetition, like 第三次.
        let decision = decide("新密码明明设好了，登录还是提示密码错误，第五次了！缓存清了，浏览器也换了。", plan: "free")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func fedUpAndWearingAreFrustration() {
        // Policy frustrated: "annoyance at failures or repetition". Tone does not move a cancellation.
        let leaving = decide("客服回得慢，功能也老出问题，我受够了，请把我们的订阅停掉。")
        #expect(leaving.sentiment.value == .frustrated, "\(leaving.sentiment.signals)")
        #expect(leaving.urgency.value == .medium)
        let slow = decide("报表页面每次要加载二十秒左右，不算大问题，但天天这样挺磨人的，能查一下吗？")
        #expect(slow.sentiment.value == .frustrated, "\(slow.sentiment.signals)")
        #expect(slow.urgency.value == .medium)
    }

    @Test func whichOfTwoPagesHoldsIsConfusion() {
        // Policy confused: "contradicting information".
        let decision = decide("说明文档第三节写数据默认保留30天，常见问题里写的是90天，到底以哪个为准？")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }

    @Test func aPoliteRequestForPromptnessIsNotTimePressure() {
        // Policy urgent: "time pressure dominates"; 麻烦帮忙尽快 and 还望尽快回复 are courteous closings.
        let leak = decide("我们发现一个 API 密钥被贴到了公开的论坛上，麻烦帮忙尽快作废，谢谢。")
        #expect(leak.urgency.value == .critical)
        #expect(leak.sentiment.value != .urgent, "\(leak.sentiment.signals)")
        let letter = decide("贵司开具的本季度发票按 120 个席位计费，但合同约定为 100 个席位，多收了 ¥12,000。烦请核实并重开发票，还望尽快回复。",
                            plan: "enterprise")
        #expect(letter.issueType.value == .overcharge)
        #expect(letter.sentiment.value == .neutral, "\(letter.sentiment.signals)")
    }

    @Test func whatHappensAtTheFreePlanLimitIsAPlanQuestion() {
        // Policy low: "a free customer's question about plan limits or prices"; 会怎样 asks what will
        // happen, not how to do something.
        let decision = decide("免费版是不是只能加 5 个成员？满了以后再邀请会怎样？", plan: "free")
        #expect(decision.issueType.value == .planQuestion, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aFormalEnterpriseWishWithSeatsAtStakeIsAFeatureRequestForAProductManager() {
        // Reading 7: a feature request is low; one with a business case from an enterprise customer
        // (seats at stake) is route_specialist. 来回切换 between two tools is no plan change.
        let decision = decide("您好，我司在贵平台开通了 300 个席位，员工每天要在两套系统之间来回切换。希望贵司能考虑提供与企业微信审批的对接，明年是否扩大采购会把这一点作为评估依据。",
                              plan: "enterprise")
        #expect(decision.issueType.value == .featureRequest)
        #expect(decision.issueType.signals.contains { $0.contains("希望贵司能考虑") }, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aCancellationWithdrawnForADiscountIsAPlanChange() {
        // Dev reading: "A cancellation withdrawn after a retention offer ... is plan_change, medium,
        // route_specialist (staff apply the discount)".
        let decision = decide("好吧，八折的话可以接受，那就先不取消了，请把折扣加到下个月的账单里。")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func overchargedAfterAnUpgradeWithThePaidFeaturesMissingEscalates() {
        // Policy escalate_human: "a frustrated customer with a complex multi-issue complaint (e.g.
        // overcharged *and* paid features missing)". Where the learned model reads the upgrade words as
        // a plan change (paid but not applied; the model of data .42–.48 did), the paid_missing cue keeps
        // the rules' overcharge; the model of data .49 (trained with rounds 37–39) reads it as no plan change.
        let decision = decide("这是我第三次来问了。上个月从 Pro 升级到 Business，页面写的差价是 ¥1,200，结果扣了 ¥2,000。多扣的钱先不说，说好的审计日志到现在都没有，后台还显示 Pro。")
        #expect(decision.issueType.value == .overcharge)
        if decision.issueType.signals.contains(where: { $0.contains("learned model read plan_change") }) {
            #expect(decision.issueType.signals.contains { $0.contains("complex complaint") }, "\(decision.issueType.signals)")
        }
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aStorageAddOnPaidButNotAppliedIsAPlanChange() {
        // Reading 1: "A plan or add-on that was paid for but not applied is plan_change (billing, medium,
        // route_specialist)"; the charge seen on the bill (账单) is not an invoice question.
        let decision = decide("扩容包买了快一周了，空间还是原来的 20GB，账单里能看到扣款记录，请帮忙看看怎么回事。")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func anUltimatumIsAngryAndAnnoyanceIsFrustrated() {
        // Policy angry: "threats, ultimatums"; frustrated: "annoyance at failures or repetition".
        let ultimatum = decide("同步功能坏了两周，周五前不给个说法，我们就换别家。")
        #expect(ultimatum.sentiment.value == .angry, "\(ultimatum.sentiment.signals)")
        let annoyed = decide("年费已经扣了，说明里那个功能一直不能用，我真的很闹心，你们看看怎么处理。")
        #expect(annoyed.sentiment.value == .frustrated)
        #expect(annoyed.sentiment.signals.contains { $0.contains("闹心") }, "\(annoyed.sentiment.signals)")
        let repeated = decide("别再跟我说清缓存了，清了十遍，页面还是打不开。")
        #expect(repeated.sentiment.value == .frustrated)
        #expect(repeated.sentiment.signals.contains { $0.contains("别再跟我说") }, "\(repeated.sentiment.signals)")
    }
}
