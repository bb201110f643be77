import Testing
@testable import TriageEngine

/// Round 32d (decision fields, tuned on the retired round 30): rules from the ticket_type, issue_type,
/// urgency and action errors that recur. Every text here was written for the test, not taken from a
/// split, and each one read differently on the engine before its rule (guards read the same).
@Suite struct RoundThirtyTwoDecisionRuleTests {
    @Test(arguments: [
        "我们的 Slack 集成从早上开始就不推送了，客服组现在只能手工一条条转发。",
        "हमारा Slack integration कल से notifications नहीं भेज रहा। support टीम को अब सारे tickets हाथ से देखना पड़ रहा है।",
    ])
    func aTeamDoingByHandWhatBrokeIsHeldUp(text: String) {
        // Urgency table: high for "a pro customer's service disruption (e.g. an integration erroring and
        // holding the team up)". A team now doing by hand what the integration did is held up (as English
        // "by hand", already a blocked cue).
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .integration, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
    }

    @Test func reconnectingAnIntegrationIsARetry() {
        // "Still erroring after retries" holds the team up: reconnecting is the integration's retry.
        let decision = decide("The Teams integration stopped posting updates on Monday. I reconnected it this morning and nothing changed.", plan: "pro")
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aKeptBackupCodeIsASelfServeLogin() {
        // README: "a free user locked out of 2FA who still has backup codes is login_failure, medium,
        // auto_respond". Before, "在哪里" (where) read the ticket as a general how-to, low.
        let decision = decide("我换了新手机，验证器的码没了。不过我存过备用码，应该在哪里输入？", plan: "free")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test(arguments: ["亲，在么？", "holis"])
    func aColloquialGreetingAloneIsGreetingOnly(text: String) {
        // README: "a greeting with nothing else in any script is unclear, low, auto_respond".
        let decision = decide(text, plan: nil)
        #expect(decision.issueType.value == .unclear)
        #expect(decision.urgency.value == .low, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aGreetingBeforeAVagueFailureStaysVague() {
        // Guard: "整不了了" (can't get it to work) is a bare "it's not working" (reading 8), not a greeting.
        let decision = decide("在不？整不了了，帮忙看看", plan: nil)
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test(arguments: [
        "Moved to the Business plan yesterday and $49 came off my card, but the workspace is still on the old limits. Can you sort it?",
        "Business plan लिया, payment हो गया और ₹2,000 भी कट गए, लेकिन workspace अभी भी पुराने plan जैसा चल रहा है।",
    ])
    func aPlanPaidForButNotAppliedRoutes(text: String) {
        // Reading 1: a plan paid for but not applied is plan_change, billing, medium, route_specialist.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist, "\(decision.recommendedAction.signals)")
    }

    @Test func aTokenInAPublicGitHubRepoIsASecurityIncident() {
        // Urgency table: "a security breach or account compromise is critical on any plan"; before, the
        // "can't find" of the follow-up question read it as a how-to.
        let decision = decide("A contractor committed our API token to a public GitHub repo on Friday. I can't find the export log in the admin panel to check what was pulled.", plan: "pro")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test(arguments: [
        "bhai aapke yahan koi job opening hai? maine MBA kiya hai, resume kahan bhejna hai?",
        "Hola, ¿me traen una bombona de butano mañana? Estoy en la calle Mayor 3 y nadie coge el teléfono.",
    ])
    func aMessageMeantForSomeoneElseIsOffTopic(text: String) {
        // Policy: an off-topic message is answered politely (auto_respond), nothing at stake (low).
        let decision = decide(text, plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aGasContractCancelledWithUsIsOffTopicNotChurn() {
        // "Disdetta" (cancellation) of a gas supply sent to the wrong company: the off-topic matter told in
        // two phrases of its own settles the issue over the learned model; no churn, no escalation.
        let decision = decide("Con la presente comunico la disdetta del contratto di fornitura di gas, codice PDR 00112233. Distinti saluti.", plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func oneStrayOffTopicWordNextToAProductQuestionStaysTheQuestion() {
        // Guard: one word ("stagiaires") does not settle off-topic over a how-to about the product.
        let decision = decide("Je cherche depuis 20 minutes comment renommer un projet, interface pondue par des stagiaires franchement.", plan: "pro")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
    }

    @Test func aColloquialDoNotRenewIsACancellation() {
        // Reading 1 / 6: a complaint with a cancellation is the cancellation; a paying customer's churn
        // escalates. "别续了" (don't renew) and "取消掉" (cancel it) say it as "就不续了" does.
        let decision = decide("附件导出又失败了。算了，我们改用别的工具，年费到期就别续了，帮我们取消掉吧。", plan: "pro")
        #expect(decision.issueType.value == .cancellation, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func anExpiredCardToReplaceIsSelfServe() {
        // Action table: "a failed payment whose cause the customer names (an expired or replaced card) and
        // asks where to update: the knowledge base answers" (as English "card ~ expired").
        let decision = decide("先月カードの有効期限が切れていて、支払いに失敗したという通知が届きました。新しいカードに変えたいのですが、どこで変更できますか？", plan: "pro")
        #expect(decision.issueType.value == .paymentFailed, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .autoRespond, "\(decision.recommendedAction.rule)")
    }
}
