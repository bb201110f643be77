import Testing
@testable import TriageEngine

/// Rounds 40-42 (Japanese and Chinese): the general causes behind a few misreads, each a construction
/// rather than a ticket's phrase. Every text here was written for the test, not taken from a split, and
/// each one read differently on the engine (data 2026.12.6.55) before its entry.
@Suite struct RoundFortyCauseRuleTests {
    // MARK: a mask over a Cantonese rewrite

    @Test func aHowWordInsideWhatNowInCantoneseIsNoHowTo() {
        // 點算 is read as 怎么办 ("what do I do now?"), a mask of the how-to 怎么 inside it. Both stand for
        // the written 點算, so the mask must be compared in the text they were found in (3 against 2).
        let text = "部手機用唔到，點算？"
        let lexicon = sharedEngine.data.lexicon
        let howTo = lexicon.hits(in: NormalizedText(text), language: "zh").filter {
            lexicon.entries[$0.entry].kind == .intent && lexicon.entries[$0.entry].label == "howto"
        }
        #expect(howTo.isEmpty, "\(howTo.map { lexicon.entries[$0.entry].pattern })")
        // Policy: a vague "it's not working" is unclear, medium, route_specialist.
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
        // 點樣 ("how") is no mask's: it still asks how.
        #expect(decide("點樣開新project？", plan: "free").issueType.value == .howTo)
    }
}
