import Testing
@testable import TriageEngine

/// Written Cantonese folded to Standard Chinese (``CantoneseFolding``), so that the Mandarin phrases
/// of the zh lexicon match Cantonese tickets. Every text here was written for the test, not taken
/// from a split.
@Suite struct CantoneseFoldingTests {
    static let lexicon = sharedEngine.data.lexicon

    static func reduced(_ text: String) -> String? {
        NormalizedText(text).reduced.map { String(String.UnicodeScalarView($0.scalars)) }
    }

    /// The counted, not negated hits of `text` (read as Chinese) for entries of `kind`, `label` and
    /// `pattern`, as written text.
    static func found(_ text: String, _ kind: LexiconEntry.Kind, _ label: String, _ pattern: String) -> [String] {
        let normalized = NormalizedText(text)
        return lexicon.hits(in: normalized, language: "zh").filter { hit in
            let entry = lexicon.entries[hit.entry]
            return entry.kind == kind && entry.label == label && entry.pattern == pattern && !hit.negated
        }.map { normalized.text($0.start, $0.end) }
    }

    @Test func cantoneseFunctionWordsFoldToStandardChinese() {
        // (Full-width punctuation folds to ASCII, as everywhere.)
        #expect(Self.reduced("點解我哋用唔到？") == "为什么我们用不了?")
        #expect(Self.reduced("佢冇反應") == "他没反应")
        #expect(Self.reduced("扣咗兩次錢，係咪搞錯咗？") == "扣了两次钱,是不是搞错了?")
        #expect(Self.reduced("啲嘢喺邊度攞？") == "些东西在哪里拿?")
    }

    @Test func theFoldingAgreesWithTraditionalToSimplified() {
        // 係 is looked up as the 系 HanFolding makes of it, in either script.
        #expect(Self.reduced("佢係管理員") == "他是管理员")
        #expect(Self.reduced("佢系管理员") == "他是管理员")
    }

    @Test func wordsWithASecondReadingStayAsWritten() {
        // 唔該 is "please"/"thanks", not 不该; the 系 of 關係 and 系統 is not the copula.
        #expect(Self.reduced("唔該幫手") == "唔该帮忙")
        #expect(Self.reduced("唔係系統嘅問題，冇關係") == "不是系统的问题,没关系")
    }

    @Test func standardChineseAndJapaneseAreNotRewritten() {
        // No Cantonese-only character: no reduced view (and no cost) for Mandarin text.
        #expect(Self.reduced("系统用不了，为什么？") == nil)
        #expect(NormalizedText("關係者各位").reduced == nil)
    }

    @Test func everyOutputIsStandardChineseAndEveryKeyIsOnce() {
        var keys = Set<[Unicode.Scalar]>()
        for (key, output) in CantoneseFolding.pairs {
            let folded = key.unicodeScalars.map(ScalarFolding.fold)
            #expect(keys.insert(folded).inserted, "\(key) twice")
            let written = output.unicodeScalars.map(ScalarFolding.fold)
            // An output that maps to itself keeps a second reading as written (唔該); others hold no marker.
            #expect(written == folded || !written.contains(where: CantoneseFolding.markers.contains), "\(key) → \(output)")
        }
    }

    @Test func aMandarinPatternMatchesCantoneseAtTheWrittenSpan() {
        let matcher = PatternMatcher(patterns: [CompiledPattern("用不了")!, CompiledPattern("为什么")!], negatable: [false, false],
                                     negators: Negators(words: [], before: [], after: []))
        let text = NormalizedText("個 app 用唔到，點解？")
        #expect(matcher.hits(in: text).map { text.text($0.start, $0.end) } == ["用唔到", "點解"])
        #expect(matcher.occurrences(of: 0, in: text).map { text.text($0.start, $0.end) } == ["用唔到"])
    }

    @Test func cantoneseNegatesAsStandardChineseDoes() {
        let negators = Negators(words: [], before: [Array("不".unicodeScalars)], after: [])
        let matcher = PatternMatcher(patterns: [CompiledPattern("退款")!], negatable: [true], negators: negators)
        // 唔使退款 is 不用退款 (no refund needed); 唔該退款 is "refund, please".
        #expect(matcher.hits(in: NormalizedText("我哋唔使退款")).map(\.negated) == [true])
        #expect(matcher.hits(in: NormalizedText("唔該退款俾我")).map(\.negated) == [false])
    }

    @Test func theLexiconReadsCantoneseWithItsMandarinPhrases() {
        // intents.tsv and technical.tsv list 打不开 and 没反应; a Cantonese customer writes 開唔到, 冇反應.
        #expect(Self.found("成個 workspace 開唔到", .intent, "failure", "打不开") == ["開唔到"])
        #expect(Self.found("撳咩都冇反應", .intent, "failure", "没反应") == ["冇反應"])
    }

    @Test func othersBeingFineIsNotFrustration() {
        // masks.tsv: 又没事 ("the others are fine, though"), which 又冇事 folds to, is not 又没 ("again no …").
        #expect(Self.found("其他 project 又冇事喎", .sentiment, "frustrated", "又没").isEmpty)
    }
}
