/// The learned model's issue type fused with the rules'. The rules' reading stands when its confidence
/// is high (`rulesConfidenceBelow`) unless the model is very sure (`confidentOverruleFrom`), when it is
/// medium (`guardedAbove`) and the policy ranks it above the model's (`guardedReading`), or when the model
/// is not sure of its own choice (`minimumProbability`).
/// Otherwise the rules' choice scores its probability under the model plus `rulesWeight` × the rules'
/// confidence, any other type its probability alone, and the highest wins.
/// Measured on the round-3 probes against the rules as they were before round 3 (docs/quality.md,
/// "Learned signal"): unguarded, the fusion scored higher there but overrode confident structural
/// readings ("How do I export…?" as an export failure, on the word "export" alone). A reading won by
/// a precedence rule of the policy is never overruled.
///
/// When the model wins, the issue type, and the ticket type and product area that follow from it, say
/// so in their rule names (`issue.learned_model`, `….from_learned_issue`) and signals.
extension IssueClassifier {
    static let learnedRule = "issue.learned_model"
    /// An unclear reading with no failure word in it either.
    static let noSignalRule = "issue.no_signal"
    /// How sure the model must be to overrule a security incident or legal threat the rules read.
    static let overruleCriticalFrom = 0.6
    /// A how-to read from a question that names nothing, not from how-to wording.
    static let unmatchedQuestionRule = "issue.unmatched_question"

    /// Whether the model may change the rules' reading at all (if not, it need not be read): not
    /// where a precedence rule of the policy decided it.
    static func consultsModel(_ rules: Result, _ model: LearnedModel) -> Bool {
        (rules.issue.confidence < model.rulesConfidenceBelow || model.confidentOverruleFrom != nil) && !rules.settledByPrecedence
    }

    /// Call only when `consultsModel` holds.
    func fused(_ rules: Result, with reading: LearnedModel.Reading, model: LearnedModel, evidence: Evidence) -> Result {
        let kept = rules.issue.value
        let rulesScore = reading.probability(of: kept.rawValue) + model.rulesWeight * rules.issue.confidence
        // The labels were validated as issue types when the model was loaded.
        let read = reading.best
        let best = (label: IssueType(rawValue: read.label) ?? kept, probability: read.probability)
        let arithmetic = "\(Self.short(rulesScore)) = p \(Self.short(reading.probability(of: kept.rawValue))) + \(Self.short(model.rulesWeight)) × rules' confidence \(Self.short(rules.issue.confidence))"
        guard best.label != kept else { return rules }
        // Below the band too: a threat or a compromise unless the model is `overruleCriticalFrom` sure (a
        // missed one costs the most; "Refund the 300 euros or my lawyer will sue" read as a refund at
        // p 0.41, where the model's right overrules of a legal department or a Korean "security" word were
        // 0.64 to 0.91), and a how-to asked in so many words ("come si…?": the model reads the topic and
        // the thanks around it, "grazie mille" as a compliment).
        let anyConfidence = ((kept == .securityIncident || kept == .legalThreat) && best.probability < Self.overruleCriticalFrom)
            || (kept == .howTo && rules.issue.rule != Self.unmatchedQuestionRule && !evidence.has("answered_howto"))
        let guarded = rules.issue.confidence >= model.guardedAbove || anyConfidence ? guardedReading(kept, over: best.label, evidence: evidence) : nil
        let confident = rules.issue.confidence >= model.rulesConfidenceBelow
        // (`consultsModel` only lets a confident reading through when `confidentOverruleFrom` is set.)
        let overruleFrom = confident ? max(model.confidentOverruleFrom ?? .infinity, model.minimumProbability) : model.minimumProbability
        let why: String? = best.probability < overruleFrom
            ? (confident ? "the rules are \(Self.short(rules.issue.confidence)) sure and the model less than \(Self.short(overruleFrom))"
                         : "the model is less than \(Self.short(model.minimumProbability)) sure")
            : best.probability <= rulesScore ? "the rules' \(kept.rawValue) scores \(arithmetic)"
            : guarded.map { anyConfidence ? $0 : "the rules' confidence \(Self.short(rules.issue.confidence)) is at least \(Self.short(model.guardedAbove)) and \($0)" }
        if let why {
            // The model disagreed and the rules stand: said, so a reviewer sees the alternative.
            var result = rules
            result.issue.signals.append("learned model read \(best.label.rawValue) (p \(Self.short(best.probability))); "
                                        + "\(kept.rawValue) kept: \(why)")
            return result
        }
        let learned = model.explanation(reading, toward: best.label.rawValue, probability: best.probability, over: kept.rawValue)
        let overruled = "rules read \(kept.rawValue) [\(rules.issue.rule)]: \(arithmetic), below \(Self.short(best.probability))"
        let issue = Classified(value: best.label, confidence: best.probability,
                               signals: [learned, overruled] + rules.issue.signals.prefix(2).map { "rules: \($0)" }, rule: Self.learnedRule)
        let because = "issue \(best.label.rawValue) from the learned model (p \(Self.short(best.probability)))"
        var type = ticketType(best.label, evidence, evidence.issues, best.probability)
        type.signals = [because] + type.signals
        type.rule = "ticket_type.from_learned_issue"
        var area = productArea(best.label, type.value, evidence, best.probability)
        area.signals = [because] + area.signals
        area.rule = "product_area.from_learned_issue"
        return Result(issue: issue, ticketType: type, productArea: area)
    }

    /// Why the policy ranks the rules' reading above the model's, where it does: the model reads a
    /// ticket's topic words, the rules also its intent and what the policy puts first. Measured on
    /// rounds 28 and 29 (360 tickets neither had seen), the model fixed 11 issue types in the band
    /// between `guardedAbove` and `rulesConfidenceBelow` and broke one, a security incident; on short
    /// texts it turns "How can I export…?" into an export failure and a refund with a lawyer into a
    /// server error ("$300" reads as "$000").
    func guardedReading(_ rules: IssueType, over model: IssueType, evidence: Evidence) -> String? {
        if rules == .securityIncident || rules == .legalThreat {
            return "a \(rules.rawValue) is critical on any plan: a missed one costs the most"
        }
        // The model reads the plan words ("upgraded to Business") as a plan paid but not applied; with a
        // wrong charge and the paid features missing it is the policy's own complex complaint.
        if rules == .overcharge || rules == .doubleCharge, model == .planChange, evidence.has("paid_missing") {
            return "overcharged and the paid features missing is the policy's complex complaint, not a plan change"
        }
        if rules == .howTo, !evidence.has("answered_howto") {
            return "the rules read a how-to question, the model only its topic"
        }
        if taxonomy.issues[rules]?.ticketType == .billing, taxonomy.issues[model]?.ticketType != .billing {
            return "money wins when two needs weigh the same (reading 1)"
        }
        return nil
    }

    /// Two decimals, as probabilities and confidences are written in the reasoning.
    static func short(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }
}
