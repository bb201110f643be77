/// The learned sentiment model where the rules found no tone word. The rules' tone stands wherever a
/// word, a threat, a deadline, sarcasm or politeness set it; where they fell back to a default (no
/// emotional wording, a stuck problem, the usual tone), the model's reading of the latest
/// message is used when it is at least `minimumProbability` sure. Measured on round 7's batches 5 and
/// 6, unseen by the model and by the rules it was scored with (docs/quality.md, "Seventh round").
extension SentimentClassifier {
    static let learnedRule = "sentiment.learned_model"

    /// The rules' readings the model may replace: defaults, not tone words. Politeness is not among
    /// them: the policy reads polite as neutral however a model weighs the words around it.
    static let defaultRules: Set<String> = ["sentiment.neutral_default", "sentiment.stuck_problem", "sentiment.issue_default"]

    /// `polite`: the latest message thanks the reader ("Vielen Dank im Voraus"): polite is neutral.
    static func consultsModel(_ rules: Classified<Sentiment>, polite: Bool) -> Bool {
        defaultRules.contains(rules.rule) && !(polite && rules.value == .neutral)
    }

    /// Where the customer says it is not urgent ("不急哈", "Not urgent at all", "急ぎではありません"), the
    /// model may not read time pressure, and its reading of another tone stands only when this sure:
    /// a weak reading comes from the topic's words (a slow report, an export), not from the calm customer.
    static let calmProbability = 0.75

    /// Time pressure the rules found no word for ("oggi alle 11:42" reads as a deadline to the model by
    /// its digits' shape): the model's "urgent" stands only when this sure.
    static let urgentProbability = 0.55

    /// Call only when `consultsModel` holds. `calm`: the latest message says it is not urgent. `settled`: the
    /// rules read the tone the policy gives the issue however it is told (a compromise is a worry); a
    /// weak reading of the words around it ("into", "another", "night") does not overrule it.
    static func fused(_ rules: Classified<Sentiment>, with reading: LearnedModel.Reading, model: LearnedModel,
                      calm: Bool = false, settled: Bool = false) -> Classified<Sentiment> {
        let read = reading.best
        // The labels were validated as sentiments when the model was loaded.
        guard let best = Sentiment(rawValue: read.label), best != rules.value else { return rules }
        // The model disagreed and the rules stand: said, so a reviewer sees the alternative.
        func kept(_ why: String) -> Classified<Sentiment> {
            var kept = rules
            kept.signals.append("learned model read \(best.rawValue) (p \(IssueClassifier.short(read.probability))); \(rules.value.rawValue) kept: \(why)")
            return kept
        }
        if read.probability < model.minimumProbability {
            return kept("the model is less than \(IssueClassifier.short(model.minimumProbability)) sure")
        }
        if settled, best == .frustrated || best == .angry, read.probability < calmProbability {
            return kept("annoyance at a compromise needs the customer's words")
        }
        if best == .urgent, read.probability < urgentProbability {
            return kept("time pressure needs the customer's words or a model \(IssueClassifier.short(urgentProbability)) sure")
        }
        if calm, best != .neutral, best == .urgent || read.probability < calmProbability {
            return kept("the customer says it is not urgent")
        }
        let learned = model.explanation(reading, toward: best.rawValue, probability: read.probability, over: rules.value.rawValue)
        return Classified(value: best, confidence: read.probability,
                          signals: [learned, "rules read \(rules.value.rawValue) [\(rules.rule)]: no tone word"] + rules.signals.prefix(2).map { "rules: \($0)" },
                          rule: learnedRule)
    }
}
