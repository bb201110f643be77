/// The reasoning, as structured entries and as one readable paragraph.
enum ReasoningWriter {
    static func details(analysis: TicketAnalysis, urgency: Classified<Urgency>, action: Classified<RecommendedAction>,
                        draft: ReplyComposer.Draft, routing: Routing, citationSignals: [String]) -> [ReasoningDetail] {
        func entry<V>(_ field: String, _ value: Classified<V>, _ raw: String) -> ReasoningDetail {
            ReasoningDetail(field: field, value: raw, signals: value.signals, rule: value.rule)
        }
        var entities = analysis.entities.prefix(8).map { "\($0.kind.rawValue) \"\($0.text)\" → \($0.normalized)" }
        if analysis.entities.count > 8 { entities.append("… \(analysis.entities.count - 8) more") }
        return [
            entry("language", analysis.language, analysis.language.value),
            entry("ticket_type", analysis.ticketType, analysis.ticketType.value.rawValue),
            entry("issue_type", analysis.issueType, analysis.issueType.value.rawValue),
            entry("product_area", analysis.productArea, analysis.productArea.value.rawValue),
            entry("sentiment", analysis.sentiment, analysis.sentiment.value.rawValue),
            ReasoningDetail(field: "entities", value: "\(analysis.entities.count)", signals: entities, rule: "entities.extracted"),
            entry("urgency", urgency, urgency.value.rawValue),
            entry("recommended_action", action, action.value.rawValue),
            ReasoningDetail(field: "relevant_articles", value: "\(citationSignals.count)", signals: citationSignals,
                            rule: "citations.policy"),
            ReasoningDetail(field: "suggested_response", value: draft.response.template, signals: draft.signals,
                            rule: "reply.\(draft.response.template)"),
            ReasoningDetail(field: "routing", value: "\(routing.queue) / \(routing.slaFirstResponseMinutes) min",
                            signals: ["queue from action and ticket type", "SLA from plan × urgency"], rule: "routing.table"),
        ]
    }

    static func paragraph(analysis: TicketAnalysis, urgency: Classified<Urgency>, action: Classified<RecommendedAction>,
                          cited: [CitedArticle], routing: Routing, customerSignals: [String], notes: [String]) -> String {
        var parts = [String]()
        parts.append("Written in \(analysis.language.value) (\(analysis.language.signals.first ?? analysis.language.rule)).")
        let issueWhy = analysis.issueType.signals.prefix(2).joined(separator: "; ")
        parts.append("Classified as \(analysis.ticketType.value.rawValue) / \(analysis.issueType.value.rawValue)"
                     + (issueWhy.isEmpty ? " (\(analysis.issueType.rule))" : " because \(issueWhy)")
                     + ", product area \(analysis.productArea.value.rawValue).")
        let tone = analysis.sentiment.signals.first.map { " (\($0))" } ?? ""
        parts.append("The customer sounds \(analysis.sentiment.value.rawValue)\(tone).")
        parts.append("Urgency is \(urgency.value.rawValue): \(urgency.signals.first ?? urgency.rule) [\(urgency.rule)], for a customer with \(customerSignals.joined(separator: ", ")).")
        parts.append("Recommended action \(action.value.rawValue): \(action.signals.first ?? action.rule) [\(action.rule)].")
        if cited.isEmpty {
            parts.append("No article cited.")
        } else {
            parts.append("The reply cites " + cited.map { "\"\($0.title)\" (\($0.id))" }.joined(separator: " and ") + ".")
        }
        parts.append("Routed to \(routing.queue), first response within \(routing.slaFirstResponseMinutes) minutes.")
        parts.append(contentsOf: notes)
        return parts.joined(separator: " ")
    }
}
