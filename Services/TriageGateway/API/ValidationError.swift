/// A request that breaks the contract: which field, and why. Answered with 400.
struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    let field: String
    let reason: String

    var description: String { "\(field): \(reason)" }

    var response: HTTPResponse {
        .error(400, code: "invalid_request", message: "\(field) \(reason)", field: field)
    }
}
