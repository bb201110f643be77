import Testing
@testable import TriageEngine

/// Round 32e (sentiment, on the retired round 30): rules from the sentiment errors that recur across the
/// tuning splits. Every text here was written for the test, not taken from a split, and each one read
/// differently on the engine before its rule (guards read the same).
@Suite struct RoundThirtyTwoSentimentRuleTests {
    @Test(arguments: [
        "The invoice for May shows the same charge twice. No need to refund it, happy for the second one to stay as credit on the account.",
        "Our SSO login fails for the contractors group since Tuesday with error SAML-204. Happy to share the logs if that helps.",
    ])
    func willingnessIsNotPraise(text: String) {
        // Sentiment table: positive is "thanks, praise"; neutral "factual, polite". "Happy to share the
        // logs", "happy for it to stay as credit" offer to help: not praise, so no sarcasm next to the problem.
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test func praiseWithHappyStaysPositive() {
        let decision = decide("So happy to see the new timeline view, it's exactly what we needed. Great work!", plan: "pro")
        #expect(decision.sentiment.value == .positive, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        "You renewed my plan after I turned auto-renew off. Put the money back on my card and don't make me ask again.",
        "我上周就取消了订阅，今天还是扣了钱，把钱退回来，别让我再打第三次电话。",
    ])
    func dontMakeMeAskAgainIsAnUltimatum(text: String) {
        // Sentiment table: angry is "hostility, insults, threats, ultimatums". "Don't make me ask again",
        // "别让我再…" is an ultimatum, above time pressure or a counted repetition.
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value == .angry, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        "login nahi ho raha. teen baar naya password banaya, dusre browser mein bhi try kiya, har baar wahi 'Invalid credentials' dikhta hai",
        "mobile app se login nahi ho pa raha, do baar app reinstall kiya, try kiya, phir wahi 'Session expired' aata hai",
    ])
    func hindiSameEveryTimeAfterRetriesIsFrustrated(text: String) {
        // Sentiment table: frustrated is "annoyance at failures or repetition" ("still not working").
        // "har baar wahi" / "phir wahi" (every time the same) after the customer's own attempts is that.
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test func romanisedHindiLossWithManyExclamationsIsPanic() {
        // Sentiment table: panicked is "alarm at a loss (everything is gone, many exclamation marks)";
        // "data gayab" is the romanised form of the Devanagari "सब गायब" already read that way.
        let decision = decide("sync ke baad hamare project ka sara data gayab hai!!! tasks, files, comments kuch nahi bacha!!!",
                              plan: "enterprise")
        #expect(decision.sentiment.value == .panicked, "\(decision.sentiment.signals)")
    }

    @Test func italianIsThisNormalIsConfused() {
        // Sentiment table: confused "asks why/how something happened". "Ma è normale??" asks whether what
        // happened is how it should be, as fr "c'est normal ?" and de "ist das normal" already read.
        let decision = decide("ma è normale che la sincronizzazione del calendario ci metta due ore?? ieri era istantanea", plan: "pro")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }

    @Test func hindiAtALossWhatToDoIsWorried() {
        // Sentiment table: worried is "concern without anger"; confused "asks why/how something happened".
        // "समझ नहीं आ रहा अब क्या करें" (I can't see what to do now) is concern about the next step.
        let decision = decide("हमारे एक कर्मचारी का laptop चोरी हो गया जिसमें admin account logged in था। किसी ने हमारे workspace की settings बदल दी हैं। समझ नहीं आ रहा अब क्या करें, कृपया बताइए।", plan: "pro")
        #expect(decision.sentiment.value == .worried, "\(decision.sentiment.signals)")
    }

    @Test func hindiPuzzlementAtABillStaysConfused() {
        let decision = decide("पिछले महीने का बिल ₹2,400 था और इस बार ₹3,600 आया है, जबकि users उतने ही हैं। समझ नहीं आ रहा, ये ज़्यादा पैसे किस बात के हैं?", plan: "pro")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }
}
