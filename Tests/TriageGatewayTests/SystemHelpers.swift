import Foundation
import TestSupport
import Testing

/// Runs `body` against a freshly started system and always stops it (no store outlives a test).
/// Every service and gateway still running then must exit cleanly on SIGTERM (a crash on the way
/// out is a failure of the test too).
func withSystem(sessionReplicas: Int = 1, environment: [String: String] = [:],
                _ body: (TriageSystem) async throws -> Void) async throws {
    let system = try await TriageSystem.start(sessionReplicas: sessionReplicas, environment: environment)
    do {
        try await body(system)
    } catch {
        await system.stop()
        throw error
    }
    let unclean = await system.stop()
    #expect(unclean.isEmpty, "not stopped cleanly: \(unclean.joined(separator: "; "))")
}

/// A ticket body in the contract's shape.
func ticket(_ customer: String, _ text: String, ticketID: String? = nil, info: [String: Any]? = nil) -> [String: Any] {
    var body: [String: Any] = ["customer_id": customer, "messages": [["role": "customer", "content": text]]]
    if let ticketID { body["ticket_id"] = ticketID }
    if let info { body["customer_info"] = info }
    return body
}

extension HTTPTestClient.Response {
    subscript(key: String) -> Any? { json?[key] }
    var string: (String) -> String? { { self.json?[$0] as? String } }
    var errorField: String? { (json?["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}

/// Checks every field of a triage result against the contract's names and types.
func expectContractShape(_ json: [String: Any]?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let json else {
        Issue.record("no JSON body", sourceLocation: sourceLocation)
        return
    }
    for key in ["ticket_id", "ticket_type", "urgency", "recommended_action", "suggested_response", "reasoning", "status"] {
        #expect(json[key] is String, "\(key) should be a string", sourceLocation: sourceLocation)
    }
    #expect(["billing", "technical", "general"].contains(json["ticket_type"] as? String ?? ""), sourceLocation: sourceLocation)
    #expect(["critical", "high", "medium", "low"].contains(json["urgency"] as? String ?? ""), sourceLocation: sourceLocation)
    #expect(["auto_respond", "route_specialist", "escalate_human"].contains(json["recommended_action"] as? String ?? ""),
            sourceLocation: sourceLocation)
    let info = json["extracted_info"] as? [String: Any]
    for key in ["product_area", "issue_type", "sentiment", "language"] {
        #expect(info?[key] is String, "extracted_info.\(key) should be a string", sourceLocation: sourceLocation)
    }
    #expect(info?["entities"] is [Any], sourceLocation: sourceLocation)
    let articles = json["relevant_articles"] as? [[String: Any]]
    #expect(articles != nil, "relevant_articles should be an array", sourceLocation: sourceLocation)
    for article in articles ?? [] {
        #expect(article["id"] is String && article["title"] is String, sourceLocation: sourceLocation)
        let score = article["relevance_score"] as? Double ?? -1
        #expect(score >= 0 && score <= 1, "relevance_score \(score) outside 0..1", sourceLocation: sourceLocation)
    }
    let confidence = json["confidence"] as? [String: [String: Any]]
    for field in ["ticket_type", "urgency", "recommended_action", "language", "sentiment"] {
        let value = confidence?[field]?["value"] as? Double ?? -1
        #expect(value >= 0 && value <= 1, "confidence.\(field)", sourceLocation: sourceLocation)
        #expect(["high", "medium", "low"].contains(confidence?[field]?["band"] as? String ?? ""), sourceLocation: sourceLocation)
    }
    let routing = json["routing"] as? [String: Any]
    #expect(routing?["queue"] is String && routing?["sla_first_response_minutes"] is Int, sourceLocation: sourceLocation)
    #expect((json["reasoning_details"] as? [[String: Any]])?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(json["degraded"] is [Any], sourceLocation: sourceLocation)
}

/// Checks a `Server-Timing` header: every metric has a duration in milliseconds, `names` are all
/// there, and no step took longer than the whole request.
func expectServerTiming(_ header: String?, names: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    guard let header else {
        Issue.record("no Server-Timing header", sourceLocation: sourceLocation)
        return
    }
    var durations: [String: Double] = [:]
    for metric in header.split(separator: ",") {
        let parts = metric.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let duration = parts.first { $0.hasPrefix("dur=") }.flatMap { Double($0.dropFirst(4)) }
        #expect(duration.map { $0 >= 0 } == true, "\(metric) has no duration", sourceLocation: sourceLocation)
        durations[parts[0]] = duration
    }
    for name in names { #expect(durations[name] != nil, "\(name) missing from \(header)", sourceLocation: sourceLocation) }
    let total = durations["total"] ?? 0
    for (name, duration) in durations where !name.contains(".") {
        #expect(duration <= total, "\(name) took longer than the request: \(header)", sourceLocation: sourceLocation)
    }
}

/// How many times each downstream call ran for one answer, from its `Server-Timing` header.
func serverTimingCalls(_ header: String?) -> [String: Int] {
    var calls: [String: Int] = [:]
    for metric in (header ?? "").split(separator: ",") {
        let parts = metric.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, name.contains(".") else { continue }
        let count = parts.first { $0.hasPrefix("desc=") }.flatMap { Int($0.dropFirst(6).prefix { $0.isNumber }) } ?? 1
        calls[name] = count
    }
    return calls
}
