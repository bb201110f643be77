import Foundation

/// Drafts the suggested reply in the customer's language (English, flagged, when no template set
/// exists), grounded in the cited article and fitting the action.
struct ReplyComposer: Sendable {
    let templates: [String: ReplyTemplates]
    let taxonomy: Taxonomy

    struct Draft: Sendable {
        var response: SuggestedResponse
        var signals: [String]
    }

    func compose(action: RecommendedAction, issue: IssueType, ticketType: TicketType, language: String, isEmpty: Bool,
                 article: (hit: KnowledgeHit, step: String)?) -> Draft {
        let set = templates[language] ?? templates["en"]!
        let fallback = templates[language] == nil
        let key = templateKey(action: action, issue: issue, isEmpty: isEmpty, hasArticle: article != nil)
        var text = set.templates[key] ?? ""
        if action == .routeSpecialist, article != nil, key == "route_specialist" {
            text += " " + (set.templates["route_specialist.article"] ?? "")
        }
        let title = article.map { Self.fill(set.quote, ["title": $0.hit.title]) } ?? ""
        let team = set.teams[team(action: action, issue: issue, ticketType: ticketType)] ?? ""
        let info = set.info[taxonomy.issues[issue]?.info ?? "general"] ?? set.info["general"] ?? ""
        text = Self.fill(text, ["title": title, "step": article?.step ?? "", "team": team, "info": info])
        var signals = ["template \(key) in \(set.language)"]
        if fallback { signals.append("no \(language) templates: English fallback") }
        if let article { signals.append("grounded in \(article.hit.id) \"\(article.hit.title)\"") }
        let usedKey = key == "route_specialist" && article != nil ? "route_specialist+article" : key
        return Draft(response: SuggestedResponse(text: text, language: set.language, isEnglishFallback: fallback, template: usedKey),
                     signals: signals)
    }

    /// Replaces `{name}` placeholders in one pass.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        result.reserveCapacity(template.utf8.count + 64)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    private func templateKey(action: RecommendedAction, issue: IssueType, isEmpty: Bool, hasArticle: Bool) -> String {
        switch action {
        case .autoRespond:
            if isEmpty { return "auto_respond.empty" }
            switch issue {
            case .compliment: return "auto_respond.compliment"
            case .featureRequest: return "auto_respond.feature_request"
            case .offTopic, .unclear: return "auto_respond.off_topic"
            default: return hasArticle ? "auto_respond.article" : "auto_respond.no_article"
            }
        case .routeSpecialist:
            return issue == .unclear ? "route_specialist.clarify" : "route_specialist"
        case .escalateHuman:
            switch issue {
            case .securityIncident: return "escalate_human.security"
            case .legalThreat: return "escalate_human.legal"
            case .cancellation: return "escalate_human.churn"
            case .outage, .dataLoss, .error5xx: return "escalate_human.outage"
            default:
                return taxonomy.issues[issue]?.ticketType == .billing ? "escalate_human.billing" : "escalate_human.generic"
            }
        }
    }

    private func team(action: RecommendedAction, issue: IssueType, ticketType: TicketType) -> String {
        if issue == .featureRequest { return "product" }
        return ticketType.rawValue
    }
}
