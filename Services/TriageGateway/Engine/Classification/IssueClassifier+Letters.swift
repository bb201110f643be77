/// Readings for long messages: letters that tell their background before the request.
extension IssueClassifier {
    /// An intent and a topic said together: in one passage of one message (a short message is one
    /// passage; see ``Passages``), or one of them in the subject and the other in the first message.
    static func together(_ a: Evidence.Label, _ b: Evidence.Label) -> Bool {
        guard !a.messages.isDisjoint(with: b.messages) else { return false }
        let subject = Evidence.passage(order: 0, index: 0)
        return !a.passages.isDisjoint(with: b.passages)
            || (a.passages.contains(subject) && b.messages.contains(1)) || (b.passages.contains(subject) && a.messages.contains(1))
    }

    /// Grave problems a letter may name among its background: a breach, lost data, a wrong or double
    /// charge, an outage.
    static let letterProblems: [IssueType] = [.securityIncident, .dataLoss, .doubleCharge, .overcharge, .outage]
    /// What a letter's background talk reads as: questions, requests and settings, not a problem.
    static let letterQuestions: Set<IssueType> = questionTypes.union([.featureRequest, .contactSupport, .slaQuestion, .compliment])
    /// A problem named this clearly (its own phrase, not an intent beside a topic) in a letter.
    static let letterProblemScore = 3.0

    /// In a letter (cue `long_letter`) read as a question or request, a grave problem named in its own
    /// words ("about 4,200 records are missing since the merge", "billed for 15 seats, we have 12") is the
    /// customer's dominant need (policy: "the dominant need of the customer decides"; data loss and a
    /// wrong charge are critical or high), however much feature, seat and renewal talk surrounds it.
    /// Between a technical and a money problem of about the same weight, money wins (reading 1).
    func problemInLetter(over chosen: IssueType, _ evidence: Evidence, _ scores: [IssueType: Evidence.Label],
                         priority: [IssueType: Int]) -> (IssueType, Evidence.Label)? {
        guard evidence.has("long_letter"), Self.letterQuestions.contains(chosen) else { return nil }
        let named = Self.letterProblems.compactMap { problem in
            evidence.issues[problem].flatMap { $0.score >= Self.letterProblemScore ? (key: problem, score: $0.score) : nil }
        }.sorted { $0.score != $1.score ? $0.score > $1.score : priority[$0.key, default: 99] < priority[$1.key, default: 99] }
        guard var pick = named.first else { return nil }
        if taxonomy.issues[pick.key]?.ticketType == .technical,
           let money = named.first(where: { taxonomy.issues[$0.key]?.ticketType == .billing && $0.score >= pick.score - moneyWinsMargin }) {
            pick = money
        }
        guard var label = scores[pick.key], label.score > 0 else { return nil }
        label.signals.insert("a letter names \(pick.key.rawValue) in its own words: the problem decides over the \(chosen.rawValue) around it", at: 0)
        return (pick.key, label)
    }
}
