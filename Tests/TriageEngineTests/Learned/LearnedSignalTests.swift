import Foundation
import Testing
@testable import TriageEngine

/// The learned issue-type model: its features match the training script's, it decides only where the
/// rules hesitate, and whatever it sets says so.
@Suite struct LearnedSignalTests {
    static let rulesOnly: TriageEngine = {
        do { return try TriageEngine(configuration: .init(learnedSignal: false)) } catch { fatalError("engine data failed to load: \(error)") }
    }()

    /// No lexicon phrase matches this (the rules say unclear); the model reads a refund demand.
    static let unmatchedRefund = "Ciao, vorrei avere indietro i soldi dell'ultimo mese, non ho mai usato il servizio."

    @Test func featuresAreTheTrainingScriptsFeatures() {
        // Values printed by Tools/learned_text.py for the same text.
        let features = LearnedFeatures(NormalizedText("Refund 退款!!! NOW PLEASE 😡?"), limit: 2_000, characterGrams: 1...4)
        #expect(features.hashes.count == 78)
        #expect(features.hashes.contains(0x549F_35CF))  // " re"
        #expect(features.hashes.contains(0x6D9F_159A))  // word "refund"
        #expect(features.hashes.contains(0xFFAF_3AE6))  // 退款
        #expect(features.hashes.contains(0x2EB9_1841))  // " 退款 "
        #expect(features.hashes.contains(0x1F81_C577))  // bigram "now please"
        for symbol: UInt32 in [0x9A7B_66FC, 0x3BF0_908C, 0xE7D1_7162, 0xCB20_8F78, 0x5831_B9F2] {
            #expect(features.hashes.contains(symbol))  // ! !!! ? 😡 CAPS
        }
        let stream = LearnedFeatures(NormalizedText("Héllo, Straße — 帳單 ＯＫ"), limit: 2_000, characterGrams: 1...4).stream
        #expect(String(String.UnicodeScalarView(stream)) == " hello strasse 账单 ok ")
    }

    @Test func aNumberIsReadByItsShapeNotItsValue() {
        // A model that learned "40" from "40 seconds to load" tickets overruled the rules on a
        // 40 USD charge; digits are all "0" to it, in Swift as in Tools/learned_text.py.
        let stream = LearnedFeatures(NormalizedText("Charge of 40 USD, order ２３"), limit: 2_000, characterGrams: 1...4).stream
        #expect(String(String.UnicodeScalarView(stream)) == " charge of 00 usd order 00 ")
        let a = LearnedFeatures(NormalizedText("Why is there a charge of 40 USD on my card?"), limit: 2_000, characterGrams: 1...4)
        let b = LearnedFeatures(NormalizedText("Why is there a charge of 73 USD on my card?"), limit: 2_000, characterGrams: 1...4)
        #expect(a.hashes == b.hashes)
        #expect(analyze("Why is there a charge of 40 USD on my card? I didn't buy anything.").ticketType.value == .billing)
    }

    @Test func theBundledModelIsLoaded() {
        let model = sharedEngine.data.learnedIssue
        #expect(model.labels.count == IssueType.allCases.count)
        #expect(model.rulesWeight == 0.25)
        #expect(model.weights.count == LearnedModel.rowStride * model.rowOfBucket.filter { $0 >= 0 }.count)
    }

    @Test func theModelDecidesWhereNoPhraseMatchedAndSaysSo() throws {
        let rules = Self.rulesOnly.analyze(ticket(Self.unmatchedRefund))
        #expect(rules.issueType.value == .unclear)
        #expect(rules.issueType.rule == "issue.no_signal")

        let decision = decide(Self.unmatchedRefund, plan: "pro")
        #expect(decision.issueType.value == .refundRequest)
        #expect(decision.issueType.rule == IssueClassifier.learnedRule)
        let learned = try #require(decision.issueType.signals.first)
        #expect(learned.hasPrefix("learned model (issue-type.model"))
        #expect(learned.contains("refund_request p 0."))
        #expect(learned.contains("\"indietro\""), "names the strongest words: \(learned)")
        #expect(decision.issueType.signals.contains { $0.hasPrefix("rules read unclear [issue.no_signal]") })
        #expect(decision.ticketType.value == .billing)
        #expect(decision.ticketType.rule == "ticket_type.from_learned_issue")
        #expect(decision.productArea.rule == "product_area.from_learned_issue")
        #expect(decision.ticketType.signals.first?.contains("from the learned model") == true)
        // Urgency and action follow from the policy tables and say where the issue type came from.
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .escalateHuman)
        #expect(decision.urgency.signals.contains { $0.contains("set by the learned model") })
        #expect(decision.recommendedAction.signals.contains { $0.contains("set by the learned model") })
        #expect(decision.reasoning.contains("learned model"))
    }

    @Test func theRulesKeepWhatTheyAreSureOf() {
        let analysis = analyze("I was charged twice for my subscription this month, please refund one of the payments.")
        #expect(analysis.issueType.value == .doubleCharge)
        #expect(analysis.issueType.rule != IssueClassifier.learnedRule)
        #expect(!analysis.issueType.signals.contains { $0.hasPrefix("learned model (") })
    }

    @Test(arguments: ["???", "!!!", "😀😀", "55555555", "   "])
    func aMessageWithoutLettersIsNotReadByTheModel(text: String) {
        let analysis = analyze(text)
        #expect(analysis.issueType.value == .unclear)
        #expect(analysis.issueType.rule != IssueClassifier.learnedRule)
    }

    @Test func theLearnedToneDoesNotMoveUrgencyOrAction() {
        // "Repeated failed attempts with frustration" is high: the frustration must be in the words.
        let text = "Can't get into my account since yesterday, even after resetting the password."
        let customer = CustomerContext(plan: "free")
        let fused = sharedEngine.triage(ticket(text), customer: customer, knowledge: KnowledgeResult(hits: []))
        let rules = Self.rulesOnly.triage(ticket(text), customer: customer, knowledge: KnowledgeResult(hits: []))
        #expect(fused.sentiment.rule == SentimentClassifier.learnedRule && fused.sentiment.value == .frustrated, "\(fused.sentiment)")
        #expect(rules.sentiment.value == .neutral)
        #expect(fused.urgency.value == rules.urgency.value && fused.urgency.value == .medium)
        #expect(fused.recommendedAction.value == rules.recommendedAction.value)
    }

    @Test func sentimentKeepsTheRulesToneWordsAndReadsTheModelWhereTheyFoundNone() throws {
        // A tone word ("Vergogna", many "!!!") decides: the sentiment model is not read.
        let angry = "Mi avete addebitato il doppio!!! Vergogna, rivoglio i miei soldi subito!!!"
        #expect(analyze(angry).sentiment == Self.rulesOnly.analyze(ticket(angry)).sentiment)
        // No tone word: the rules fall back to neutral, and the model's reading is used, with its reasons.
        #expect(Self.rulesOnly.analyze(ticket(Self.unmatchedRefund)).sentiment.rule == "sentiment.neutral_default")
        let fused = analyze(Self.unmatchedRefund).sentiment
        let model = try #require(sharedEngine.data.learnedSentiment)
        #expect(fused.rule == SentimentClassifier.learnedRule, "\(fused)")
        #expect(fused.signals.first?.hasPrefix("learned model (sentiment.model") == true, "\(fused.signals)")
        #expect(fused.confidence >= model.minimumProbability)
        // A polite message is the policy's neutral, whatever the model makes of the words around the thanks.
        let polite = analyze("Der Export funktioniert seit gestern nicht, die Datei ist leer. Vielen Dank im Voraus.").sentiment
        #expect(polite.value == .neutral && polite.rule != SentimentClassifier.learnedRule, "\(polite)")
    }

    @Test func theInputIsAssembledAsTheTrainingScriptDoesIt() throws {
        let model = sharedEngine.data.learnedIssue
        let long = String(repeating: "parola ", count: 1_000)
        let texts = ["first", long, "", "latest message"].map(NormalizedText.init)
        let parts = LearnedInput.parts(texts, latest: 3, subject: NormalizedText("subject line"), model: model)
        #expect(parts.map(\.weight) == [1, model.partWeights.subject, model.partWeights.earlier, model.partWeights.earlier])
        #expect(parts.map(\.limit) == [model.limits.latest, 12, model.limits.earlier, 5])
        #expect(LearnedInput.parts(texts, latest: nil, subject: nil, model: model).isEmpty)
        let many = (0..<40).map { NormalizedText("message \($0)") }
        #expect(LearnedInput.parts(many, latest: 39, subject: nil, model: model).count == LearnedInput.maximumParts)
    }
}
