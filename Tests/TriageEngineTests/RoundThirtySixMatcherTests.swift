import Testing
@testable import TriageEngine

/// Round 36 (pattern matching): the matcher reports each lexicon pattern once, at its first occurrence,
/// so a first occurrence that does not count (inside a mask of the ticket's language, inside a
/// troubleshooting step the customer took, or negated) hid a later one that does. Every text here was
/// written for the test, not taken from a split.
@Suite struct RoundThirtySixMatcherTests {
    static let lexicon = sharedEngine.data.lexicon

    /// The counted hits of `text` read as `language` for entries of `kind` and `label` written `pattern`.
    static func counted(_ text: String, _ language: String, _ kind: LexiconEntry.Kind, _ label: String,
                        _ pattern: String? = nil) -> [LexiconHit] {
        lexicon.hits(in: NormalizedText(text), language: language).filter { hit in
            let entry = lexicon.entries[hit.entry]
            return entry.kind == kind && entry.label == label && (pattern == nil || entry.pattern == pattern)
        }
    }

    @Test func aMaskedFirstOccurrenceDoesNotHideALaterOne() {
        // Japanese なんです ("it is that…") masks the なんで ("why") inside it; a later なんで asks why.
        let text = "来月から年払いに切り替える予定なんですが、その前に確認させてください。なんで先月の請求書だけ金額が違うの？"
        let why = Self.counted(text, "ja", .sentiment, "confused", "なんで")
        #expect(why.count == 1)
        let second = text.unicodeScalars.count - "なんで先月の請求書だけ金額が違うの？".unicodeScalars.count
        #expect(why.first?.start == second, "\(why)")
    }

    @Test func aLaterWhyAfterAMaskedOneIsConfused() {
        // Sentiment table: confused "asks why/how something happened".
        let decision = decide("年払いに切り替える予定なんですが、その前に一つ。なんで先月の請求書だけ金額が違うの？", plan: "pro")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }

    @Test func aLaterOccurrenceInsideAnotherMaskStillDoesNotCount() {
        // The mask itself is found at every occurrence, not only its first.
        let text = "年払いにする予定なんですが、請求書の宛名も変えたいんです。手順を教えてもらえますか？"
        #expect(Self.counted(text, "ja", .sentiment, "confused", "なんで").isEmpty)
        let twice = "年払いにする予定なんですが、宛名も変更したい予定なんです。手順を教えてもらえますか？"
        #expect(Self.counted(twice, "ja", .sentiment, "confused", "なんで").isEmpty)
    }

    @Test func aTroubleshootingStepDoesNotHideALaterLoss() {
        // French vide: "empty" (a loss) and, in "vidé le cache", a step the customer took.
        let text = "J'ai vidé le cache du navigateur, sans effet. Depuis ce matin le tableau de bord est vide : plus aucun projet."
        let lost = Self.counted(text, "fr", .intent, "lost", "vide")
        #expect(lost.count == 1)
        #expect(lost.first.map { $0.start > text.unicodeScalars.count / 2 } == true, "\(lost)")
        // A step repeated is still a step, not a loss.
        let repeated = "J'ai vidé le cache hier soir, puis j'ai vidé le cache encore ce matin, sans effet sur la synchronisation."
        #expect(Self.counted(repeated, "fr", .intent, "lost", "vide").isEmpty)
    }

    @Test func anEmptyDashboardAfterAClearedCacheIsDataLoss() {
        // Lexicon: a loss word inside a step the customer took reports the step; the empty dashboard after it is the loss (data_loss).
        let analysis = analyze("J'ai vidé le cache du navigateur, sans effet. Depuis ce matin le tableau de bord est vide : plus aucun projet.")
        #expect(analysis.issueType.value == .dataLoss, "\(analysis.issueType.signals)")
    }

    @Test func aNegatedFirstOccurrenceDoesNotHideALaterRequest() {
        // Billing policy: a refund asked for is a refund_request; "no refund needed" for one thing does not
        // cancel the refund asked for another.
        let text = "We don't need a refund for the seats we removed last week. The annual fee, however, was taken twice this morning, so please refund it."
        let refunds = Self.counted(text, "en", .issue, "refund_request", "refund")
        #expect(refunds.contains { $0.negated })
        #expect(refunds.contains { !$0.negated }, "\(refunds)")
        // Said only negated, it stays negated.
        let declined = "We don't need a refund for the removed seats, and no refund for the old invoice either."
        #expect(!Self.counted(declined, "en", .issue, "refund_request", "refund").contains { !$0.negated })
    }

    @Test func aBecauseDoesNotHideALaterWhy() {
        // Italian perché is "because" and "why": it asks only in a sentence that asks, and a first
        // "because" does not hide a later question (sentiment table: confused "asks why/how something
        // happened").
        let text = "Vi scrivo perché la fattura di maggio è arrivata con un importo diverso. Perché costa più di aprile?"
        let why = Self.counted(text, "it", .sentiment, "confused", "perche")
        #expect(why.contains { NormalizedText(text).asks(after: $0.end) }, "\(why)")
        #expect(decide(text, plan: "pro").sentiment.value == .confused)
        // A "because" alone still explains.
        let because = "Vi scrivo perché la fattura di maggio è arrivata con un importo diverso da aprile."
        #expect(!Self.counted(because, "it", .sentiment, "confused", "perche").contains { NormalizedText(because).asks(after: $0.end) })
    }
}
