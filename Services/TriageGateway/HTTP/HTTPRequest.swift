import Foundation

/// One HTTP request, complete with its body, as the router sees it.
struct HTTPRequest: Sendable {
    var method: String
    /// The path without the query string, e.g. `/api/tickets/TKT-1A2B3C4D`.
    var path: String
    var query: [String: String]
    /// Header names lower-cased.
    var headers: [String: String]
    var body: [UInt8]
    /// `X-Request-ID` from the client, or one assigned here; passed to every downstream call.
    var requestID: String

    var contentType: String? { headers["content-type"] }

    /// Whether the body is declared as JSON (`application/json`, any parameters, `+json` types).
    var hasJSONBody: Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else {
            return false
        }
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }
}
