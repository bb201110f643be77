import Testing
@testable import TriageEngine

@Suite struct ActionPolicyTests {
    @Test(arguments: [
        ("How do I export my projects to CSV?", "pro", RecommendedAction.autoRespond),
        ("Thank you, the new calendar view is great!", "free", .autoRespond),
        ("It would be nice to have a dark mode", "pro", .autoRespond),
        ("I can't log in, I reset my password three times already", "pro", .routeSpecialist),
        ("The CSV export fails with an error", "pro", .routeSpecialist),
        ("Why is my invoice higher than usual? Can you explain the charge?", "pro", .routeSpecialist),
        ("I was charged twice this month", "free", .escalateHuman),
        ("I want a refund now", "pro", .escalateHuman),
        ("Please cancel our subscription, we are switching to another tool", "pro", .escalateHuman),
        ("Our account was hacked", "free", .escalateHuman),
        ("The whole platform is down for all 300 of our employees", "enterprise", .escalateHuman),
        ("it's not working", "pro", .routeSpecialist),
        ("", "pro", .autoRespond),
    ])
    func decides(text: String, plan: String, expected: RecommendedAction) {
        let decision = decide(text, plan: plan)
        #expect(decision.recommendedAction.value == expected, "\(text): \(decision.recommendedAction.rule)")
    }

    @Test func criticalIsNeverAutoResponded() {
        for text in ["Our data is gone", "We were hacked", "The site is down for everyone"] {
            let decision = decide(text, plan: "enterprise")
            #expect(decision.urgency.value == .critical)
            #expect(decision.recommendedAction.value == .escalateHuman)
        }
    }

    @Test func enterpriseOverchargeEscalatesOtherwiseRoutes() {
        let text = "Our invoice charged 200 seats but we only have 160, please correct it"
        #expect(decide(text, plan: "enterprise").recommendedAction.value == .escalateHuman)
        #expect(decide(text, plan: "pro").recommendedAction.value == .routeSpecialist)
    }

    @Test func routingAndSLAComeFromTheTable() {
        let escalated = decide("The site is down for everyone", plan: "enterprise")
        #expect(escalated.routing.queue == "escalations")
        #expect(escalated.routing.slaFirstResponseMinutes == 15)
        let question = decide("How do I archive a project?", plan: "free")
        #expect(question.routing.queue == "general")
        #expect(question.routing.slaFirstResponseMinutes == 2880)
    }

    @Test func confidenceBandsFollowTheThresholds() {
        let decision = decide("I was charged twice this month, duplicate charge", plan: "pro")
        for (field, confidence) in decision.confidence {
            #expect((0...1).contains(confidence.value), "\(field)")
            #expect(confidence.band == ConfidenceBands().band(for: confidence.value))
        }
        #expect(decision.confidence.count == 7)
    }
}
