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
}
