import Testing
@testable import TriageEngine

/// Long letters: a customer who tells the background before the request. The background's words must
/// not outweigh the sentence that asks. Every text here was written for the test, not taken from a
/// split, and each one read differently on the engine (data 2026.12.6.55) before its entry.
@Suite struct LongLetterRuleTests {
    @Test func anIntentAndATopicInDifferentSentencesOfALetterDoNotCombine() {
        // Policy general: "how-to and feature questions". "Changed how we organise projects" and "the
        // invoices" sit in two background sentences; the request is a how-to about the calendar, not an
        // invoice question built from "how do I" and a topic three sentences earlier.
        let decision = decide("Hello team. We are a small architecture office and have used your tool for two years now. "
                              + "Last spring we changed how we organise projects, and everyone is happy with it. "
                              + "Our accountant handles the invoices and payments on her own, so I never look at them. "
                              + "We also moved our files from an old server, which went well. "
                              + "Anyway, my question today is about the calendar view: how do I show weekends in it? Thanks a lot, Anna")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
    }

    @Test func aShortMessageStillCombinesAcrossItsSentences() {
        // A short message is one passage: "How do I get this?" asks about the invoices of the next sentence.
        let analysis = analyze("How do I get this? I need last year's invoices for our accountant.")
        #expect(analysis.issueType.value == .invoiceQuestion, "\(analysis.issueType.signals)")
    }

    @Test func passagesSplitOnlyALongMessage() {
        let short = Passages(NormalizedText("One. Two? Three!"))
        #expect(short.index(of: 0) == 0 && short.index(of: 12) == 0)
        let long = Passages(NormalizedText(String(repeating: "word ", count: 80) + ". Next sentence here."))
        #expect(long.index(of: 0) == 0)
        #expect(long.index(of: 405) == 1)
    }
}

/// The enterprise business-case reading (a capability asked for with seats at stake is a feature
/// request) when the seats or the renewal are not what the customer asks about.
@Suite struct BusinessCaseScopeTests {
    @Test func aRolloutBesideAskedStepsIsAnEnterpriseHowTo() {
        // Policy medium: "an enterprise customer's how-to or informational question"; auto_respond: "a
        // simple question with a clear knowledge-base answer". The rollout is why the steps are needed.
        let decision = decide("We are finishing the rollout to the whole division, about 400 users. "
                              + "Could you send me the procedure to enable SCIM provisioning from Azure?", plan: "enterprise")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .autoRespond, "\(decision.recommendedAction.signals)")
    }
}
