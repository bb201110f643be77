import Testing
@testable import TriageEngine

/// Japanese verb endings reduced to one form (``JapaneseInflection``), so that one lexicon phrase
/// matches a report in any of its endings. Every text here was written for the test, not taken from
/// a split.
@Suite struct JapaneseInflectionTests {
    static let lexicon = sharedEngine.data.lexicon

    static func reduced(_ text: String) -> String? {
        NormalizedText(text).reduced.map { String(String.UnicodeScalarView($0.scalars)) }
    }

    static func reducedPattern(_ pattern: String) -> String? {
        JapaneseInflection.pattern(Array(pattern.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
    }

    /// The counted hits of `text` (read as Japanese) for entries of `kind` and `label`, as written text.
    static func found(_ text: String, _ kind: LexiconEntry.Kind, _ label: String, _ pattern: String? = nil) -> [String] {
        let normalized = NormalizedText(text)
        return lexicon.hits(in: normalized, language: "ja").filter { hit in
            let entry = lexicon.entries[hit.entry]
            return entry.kind == kind && entry.label == label && (pattern == nil || entry.pattern == pattern) && !hit.negated
        }.map { normalized.text($0.start, $0.end) }
    }

    static let endings = ["消えた", "消えました", "消えてる", "消えてます", "消えている", "消えています", "消えてた",
                          "消えていました", "消えちゃった", "消えちゃいました", "消えてしまった", "消えてしまいました",
                          "消えちゃってる", "消えてしまっています"]

    @Test func everyAffirmativeEndingReducesToThePast() {
        for text in Self.endings.dropFirst() {
            #expect(Self.reduced(text) == "消えた", "\(text)")
        }
        #expect(Self.reduced("読んでる") == "読んだ")
        #expect(Self.reduced("読んじゃった") == "読んだ")
        #expect(Self.reduced("止まりました") == "止まった")
        #expect(Self.reduced("同期が止まってます") == "同期が止まった")
    }

    @Test func negativeFormsAndRequestsStayAsWritten() {
        // Negators (ない, ません) must still follow the phrase they negate.
        for text in ["消えていません", "消えてない", "消えていない", "消えていなかった", "消えません", "確認していただけますか",
                     "ちゃんと届いてほしい", "これじゃないです"] {
            #expect(Self.reduced(text) == nil, "\(text) → \(Self.reduced(text) ?? "")")
        }
        // The humble おる is a register of its own (a business letter's calm 困っております).
        #expect(Self.reduced("大変困っております") == nil)
    }

    @Test func aPatternThatStopsInsideAnEndingCompletesIt() {
        #expect(Self.reducedPattern("困ってい") == "困った")
        #expect(Self.reducedPattern("消えてしま") == "消えた")
        #expect(Self.reducedPattern("失敗してしま") == "失敗した")
        #expect(Self.reducedPattern("データが消えて") == nil)
        #expect(Self.reducedPattern("消えま") == nil, "ま alone may be ます or ません")
    }

    @Test func onePatternMatchesEveryEndingAtTheWrittenSpan() {
        let matcher = PatternMatcher(patterns: [CompiledPattern("消えた")!], negatable: [false],
                                     negators: Negators(words: [], before: [], after: []))
        for ending in Self.endings {
            let text = NormalizedText("在庫マスタが\(ending)。昨日まではありました。")
            #expect(matcher.hits(in: text).map { text.text($0.start, $0.end) } == [ending])
            #expect(matcher.occurrences(of: 0, in: text).map { text.text($0.start, $0.end) } == [ending])
        }
    }

    @Test func theLexiconReadsDataLossInEveryEnding() {
        // technical.tsv lists data_loss 消えた, 消えま, 消えてしま; 在庫マスタが消えてます said it in another ending.
        for ending in Self.endings {
            let text = "在庫マスタが\(ending)。昨日まではありました。"
            #expect(Self.found(text, .issue, "data_loss").contains(ending), "\(text)")
        }
    }

    @Test func aNegatedEndingIsNotTheAffirmativePhrase() {
        for text in ["データは消えていません、表示が遅いだけです。", "データは消えてないです。", "データは消えていなかった。"] {
            #expect(Self.found(text, .issue, "data_loss", "消えた").isEmpty, "\(text)")
        }
    }

    @Test func aNegatorAfterAReducedMatchStillNegatesIt() {
        let negators = Negators(words: [], before: [], after: [Array("ない".unicodeScalars), Array("ません".unicodeScalars)])
        let matcher = PatternMatcher(patterns: [CompiledPattern("消えた")!], negatable: [true], negators: negators)
        let text = NormalizedText("全部消えちゃったわけじゃないです")
        let hits = matcher.hits(in: text)
        #expect(hits.count == 1)
        #expect(hits.first?.negated == true)
        #expect(hits.first.map { text.text($0.start, $0.end) } == "消えちゃった")
        let plain = NormalizedText("全部消えちゃったみたいです")
        #expect(matcher.hits(in: plain).map(\.negated) == [false])
    }

    @Test func variantsOfOnePhraseCountOnceOnOneStretch() {
        // sentiment.tsv lists 困っています and 困ってい: both reduce to 困った, and 困ってます is one complaint.
        #expect(Self.found("ずっと同期できなくて困ってます。", .sentiment, "frustrated").count == 1)
    }

    @Test func dataGoneInACasualEndingIsDataLoss() {
        let analysis = analyze("在庫マスタが消えてます。昨日の夕方までは普通に見られました。")
        #expect(analysis.issueType.value == .dataLoss, "\(analysis.issueType.signals)")
    }

    @Test func duplicatesGoneAfterAFixAreNotDataLoss() {
        // masks.tsv: 重複~消えた (duplicates gone is the fix working), whatever the ending.
        for text in ["確認しました！重複ぜんぶ消えてます。ありがとうございます！", "重複が消えました、助かりました。"] {
            #expect(Self.found(text, .issue, "data_loss").isEmpty, "\(text)")
        }
    }
}
