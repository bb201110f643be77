import Testing
@testable import TriageEngine

@Suite struct UrgencyPolicyTests {
    @Test func outageDependsOnThePlan() {
        let text = "The app is down, nothing loads for anyone on our team"
        #expect(decide(text, plan: "enterprise").urgency.value == .critical)
        #expect(decide(text, plan: "pro", seats: 80).urgency.value == .critical)
        #expect(decide(text, plan: "pro", seats: 5).urgency.value == .high)
        #expect(decide(text, plan: "free").urgency.value == .medium)
    }

    @Test func calmDataLossAtAnEnterpriseIsCritical() {
        let decision = decide("Hello. We noticed that all comments from last year's projects are gone. Could you look into it?",
                              plan: "enterprise")
        #expect(decision.urgency.value == .critical)
    }

    @Test func securityAndLegalAreCriticalOnAnyPlan() {
        #expect(decide("I think my account was hacked, someone changed my password", plan: "free").urgency.value == .critical)
        #expect(decide("My lawyer will sue you if this is not resolved", plan: "free").urgency.value == .critical)
        #expect(decide("I will file a chargeback with my bank", plan: nil).urgency.value == .critical)
    }

    @Test func wrongChargesAreHighEvenWhenPolite() {
        #expect(decide("Hi, I think I was charged twice this month, could you check? Thanks!", plan: "free").urgency.value == .high)
    }

    @Test func angryFeatureRequestStaysLow() {
        let decision = decide("Why is there STILL no dark mode?? This is ridiculous, every other tool has it!!!", plan: "pro")
        #expect(decision.issueType.value == .featureRequest)
        #expect(decision.urgency.value == .low)
    }

    @Test func aDeadlineRaisesATechnicalFailure() {
        #expect(decide("The export to Excel fails with an error", plan: "pro").urgency.value == .medium)
        #expect(decide("The export to Excel fails with an error and I need it for my presentation in 2 hours", plan: "pro").urgency.value == .high)
    }

    @Test func notUrgentLowersAFailure() {
        let decision = decide("Access denied on the billing page. Not urgent, no rush at all.", plan: "pro")
        #expect(decision.urgency.value == .medium)
    }

    @Test func generalQuestionsByPlan() {
        #expect(decide("How do I archive a project?", plan: "free").urgency.value == .low)
        #expect(decide("How do I archive a project?", plan: "enterprise").urgency.value == .medium)
    }

    @Test func unknownCustomerIsDefaultedAndSaidSo() {
        let decision = decide("How do I archive a project?", plan: nil)
        #expect(decision.urgency.value == .low)
        #expect(decision.degraded.contains("customer"))
        #expect(decision.reasoning.contains("conservative default"))
    }

    @Test func tableRowsAreNamedInTheRule() {
        let decision = decide("The site is down", plan: "enterprise")
        #expect(decision.urgency.rule.hasPrefix("urgency.enterprise_outage"))
    }
}
