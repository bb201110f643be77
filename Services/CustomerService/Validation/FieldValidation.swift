import TriageRPC

/// Checks shared by every request, each failing with INVALID_ARGUMENT "<field>: <reason>".
/// Lengths count Unicode scalars, as PostgreSQL's `VARCHAR(n)` counts characters.
enum FieldValidation {
    /// An identifier (customer, ticket, decision id): 1…255 characters, no control characters.
    static func identifier(_ value: String, field: String) throws(RPCError) {
        try text(value, field: field, required: true, maxLength: 255)
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidArgument("\(field): must not contain control characters")
        }
    }

    /// Free text. PostgreSQL text cannot hold U+0000, so it is refused rather than cut short.
    static func text(_ value: String, field: String, required: Bool = false, maxLength: Int? = nil) throws(RPCError) {
        if required, value.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw .invalidArgument("\(field): is required")
        }
        if let maxLength, value.unicodeScalars.count > maxLength {
            throw .invalidArgument("\(field): must be at most \(maxLength) characters")
        }
        if value.unicodeScalars.contains("\u{0}") {
            throw .invalidArgument("\(field): must not contain U+0000")
        }
    }

    /// `local@domain.tld`: one `@`, something on both sides, a dot inside the domain, no spaces.
    static func email(_ value: String, field: String) throws(RPCError) {
        try text(value, field: field, required: true, maxLength: 255)
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let domainLabels = parts.count == 2 ? parts[1].split(separator: ".", omittingEmptySubsequences: false) : []
        let valid = parts.count == 2 && !parts[0].isEmpty && domainLabels.count >= 2
            && domainLabels.allSatisfy { !$0.isEmpty }
            && !value.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        if !valid { throw .invalidArgument("\(field): must look like name@example.com") }
    }

    /// A timestamp a caller sent: 0 (unknown) or a time PostgreSQL can store, from 1970 on.
    static func timestamp(_ micros: Int64, field: String) throws(RPCError) {
        guard micros == 0 || (0...PostgresTimestamp.validMicros.upperBound).contains(micros) else {
            throw .invalidArgument("\(field): must be 0 or microseconds since 1970 before the year 10000")
        }
    }
}
