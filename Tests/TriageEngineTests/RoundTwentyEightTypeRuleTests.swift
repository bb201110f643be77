import Testing
@testable import TriageEngine

/// Round 28b (main languages, a second pass on ticket_type): rules from the ticket_type errors that
/// recur across the tuning splits. Every text here was written for the test, not taken from a split,
/// and each one read differently on the engine before its rule (guards read the same).
@Suite struct RoundTwentyEightTypeRuleTests {
    @Test(arguments: [
        "Huge thanks to Marta for helping with the move from Asana yesterday: forty boards imported and not a single task lost. Great job!",
        "Un grand merci à Hugo : quarante tableaux importés hier, pas un seul fichier perdu. Bravo à toute l'équipe !",
    ])
    func aLossThatDidNotHappenIsNoDataLoss(text: String) {
        // ticket_type table: compliments are general; data loss is technical. "Not one task lost" says
        // nothing was lost: the loss word is negated like any other negatable need ("no refund needed").
        let decision = decide(text, plan: "pro")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.issueType.value != .dataLoss)
    }

    @Test func aLossThatHappenedStaysDataLoss() {
        let decision = decide("Since the migration yesterday half of our tasks are lost and two boards are empty.", plan: "pro")
        #expect(decision.issueType.value == .dataLoss)
        #expect(decision.ticketType.value == .technical)
    }
}
