/// A question asked earlier in a conversation, answered by the agent, against a problem the latest
/// message reports: the dataset's reading "in a conversation the latest customer message decides the
/// issue type" (how-to -> duplicate charge, fixed error -> unexplained charge). "Wie exportiere ich das
/// Projekt?" then "Danke, gefunden. Nur bricht der Export bei 70 % ab" is an export failure; the how-to
/// wording of the first message, though counted at the earlier messages' weight, still outweighed the
/// failure told once. Not the other way round: a question in the latest message after a problem is a
/// follow-up, which the whole conversation's reading already gives.
extension TriageEngine {
    /// Readings of a question: what the customer asked earlier, which the latest message's problem replaces.
    static let questionReadings: Set<IssueType> = [.howTo, .featureQuestion, .planQuestion, .invoiceQuestion, .paymentMethod,
                                                    .accountSettings]
    /// Problems the latest message can report in its own words (a threat or a compromise has rules of its own).
    static let latestProblems: Set<IssueType> = problemTypes.subtracting([.legalThreat, .securityIncident])

    /// The latest message's own reading when it reports a problem and the conversation reads a question asked before it.
    func latestProblem(_ rules: IssueClassifier.Result, classifier: IssueClassifier, texts: [(index: Int, text: NormalizedText)],
                       hits: [[LexiconHit]], latestIndex: Int?) -> IssueClassifier.Result? {
        guard texts.count > 1, let latestIndex, latestIndex == texts.count - 1,
              Self.questionReadings.contains(rules.issue.value) else { return nil }
        let latest = texts[latestIndex]
        var alone = Evidence()
        alone.add(hits: hits[latestIndex], text: latest.text, order: 1, lexicon: data.lexicon, taxonomy: data.taxonomy, weight: 1)
        alone.add(entities: data.entities.extract(latest.text, messageIndex: latest.index), order: 1, text: latest.text)
        let words = latest.text.tokens.count + latest.text.scriptCounts.filter { $0.key.isUnspaced }.values.reduce(0, +) / 2
        var read = classifier.classify(alone, isEmpty: false, wordCount: words)
        guard read.issue.rule == "issue.highest_score" else { return nil }
        // "怎么邀请同事？" answered, then "那这个链接能不能设有效期？": a new question in the latest message is
        // what the customer asks now, and it decides over the question the agent already answered.
        let newQuestion = rules.issue.value == .howTo && read.issue.value == .featureQuestion
            && latest.text.original.contains { $0 == "?" || $0 == "？" }
        guard Self.latestProblems.contains(read.issue.value) || newQuestion else { return nil }
        // A server error page met while downloading the invoice or changing the card asked about is where
        // that money task failed (the classifier's money-behind-an-error-page reading), not a new problem.
        if read.issue.value == .error5xx, IssueClassifier.moneyTasks.contains(rules.issue.value) { return nil }
        read.issue.signals = ["the latest message \(newQuestion ? "asks" : "reports") \(read.issue.value.rawValue): it decides over the \(rules.issue.value.rawValue) asked before"]
            + read.issue.signals.prefix(3)
        read.issue.rule = "issue.latest_problem"
        read.settledByPrecedence = true
        return read
    }
}
