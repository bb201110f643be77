/// Reply templates of one language, from `Resources/replies/<lang>.json`.
struct ReplyTemplates: Sendable, Decodable {
    var language: String
    var templates: [String: String]
    var teams: [String: String]
    var info: [String: String]
    /// How the language quotes an article title, e.g. `"{title}"`, `«{title}»`, `「{title}」`.
    var quote: String

    static let requiredTemplates = [
        "auto_respond.article", "auto_respond.no_article", "auto_respond.compliment", "auto_respond.feature_request",
        "auto_respond.off_topic", "auto_respond.empty", "route_specialist", "route_specialist.article",
        "route_specialist.clarify", "escalate_human.generic", "escalate_human.security", "escalate_human.legal",
        "escalate_human.billing", "escalate_human.outage", "escalate_human.churn",
    ]
    static let requiredTeams = ["billing", "technical", "general", "product"]
    /// Placeholders each template may use.
    static let placeholders: Set<String> = ["{title}", "{step}", "{team}", "{info}"]

    func validate(file: String, infoKeys: Set<String>) throws {
        func fail(_ reason: String) -> EngineDataError { .malformed(file: file, line: 0, reason: reason) }
        for key in Self.requiredTemplates where templates[key]?.isEmpty ?? true { throw fail("template '\(key)' is missing") }
        for key in Self.requiredTeams where teams[key] == nil { throw fail("team '\(key)' is missing") }
        for key in infoKeys where info[key] == nil { throw fail("info '\(key)' is missing") }
        guard quote.contains("{title}") else { throw fail("quote must contain {title}") }
        for (key, template) in templates {
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{") {
                guard let close = rest[open...].firstIndex(of: "}") else { throw fail("template '\(key)' has an unclosed {") }
                let placeholder = String(rest[open...close])
                guard Self.placeholders.contains(placeholder) else { throw fail("template '\(key)' uses unknown \(placeholder)") }
                rest = rest[rest.index(after: close)...]
            }
            if key.hasSuffix(".article") && !(template.contains("{title}") && template.contains("{step}")) {
                throw fail("template '\(key)' must name the article ({title}) and quote its step ({step})")
            }
        }
    }
}
