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
        if action == .routeSpecialist, let article, key == "route_specialist" {
            text += " " + (set.templates["route_specialist.article"] ?? "")
            _ = article
        }
        let title = article.map { set.quote.replacingOccurrences(of: "{title}", with: $0.hit.title) } ?? ""
        let team = set.teams[team(action: action, issue: issue, ticketType: ticketType)] ?? ""
        let info = set.info[taxonomy.issues[issue]?.info ?? "general"] ?? set.info["general"] ?? ""
        text = text.replacingOccurrences(of: "{title}", with: title)
            .replacingOccurrences(of: "{step}", with: article?.step ?? "")
            .replacingOccurrences(of: "{team}", with: team)
            .replacingOccurrences(of: "{info}", with: info)
        var signals = ["template \(key) in \(set.language)"]
        if fallback { signals.append("no \(language) templates: English fallback") }
        if let article { signals.append("grounded in \(article.hit.id) \"\(article.hit.title)\"") }
        let usedKey = key == "route_specialist" && article != nil ? "route_specialist+article" : key
        return Draft(response: SuggestedResponse(text: text, language: set.language, isEnglishFallback: fallback, template: usedKey),
                     signals: signals)
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
