import TriageContracts

/// The checks every request passes before it reaches Redis; each failure is INVALID_ARGUMENT.
enum SessionRequestValidation {
    static let maxListLimit = 1000
    static let defaultListLimit = 20

    /// Ticket ids are key components: 1–128 of `A–Z a–z 0–9 . _ -`, so never a `:`, and the
    /// session key `<prefix>:session:<customer>:<ticket>` stays unambiguous.
    static func ticketID(_ value: String) throws(SessionError) -> String {
        guard !value.isEmpty, value.utf8.count <= 128, value.utf8.allSatisfy(isTicketByte) else {
            throw .invalidArgument("ticket_id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
        }
        return value
    }

    /// Customer ids come from PostgreSQL (VARCHAR(255)): any text without control characters.
    static func customerID(_ value: String) throws(SessionError) -> String {
        guard !value.isEmpty, value.utf8.count <= 255, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidArgument("customer_id must be 1 to 255 bytes without control characters")
        }
        return value
    }

    static func requestKey(_ value: String) throws(SessionError) -> String {
        guard value.utf8.count <= 256 else { throw .invalidArgument("request_key must be at most 256 bytes") }
        return value
    }

    static func ttl(_ seconds: UInt32) throws(SessionError) -> UInt32 {
        guard seconds <= SessionStoreSettings.maximumTTLSeconds else {
            throw .invalidArgument("ttl_seconds must be at most \(SessionStoreSettings.maximumTTLSeconds)")
        }
        return seconds
    }

    static func messages(_ messages: [SessionMessage], required: Bool) throws(SessionError) -> [SessionMessage] {
        if required, messages.isEmpty { throw .invalidArgument("messages must not be empty") }
        for message in messages {
            switch message.role {
            case .customer, .agent, .system: break
            default: throw .invalidArgument("every message needs a role (customer, agent or system)")
            }
            guard message.sentAtMicros >= 0 else { throw .invalidArgument("sent_at_micros must not be negative") }
        }
        return messages
    }

    static func listLimit(_ limit: UInt32) throws(SessionError) -> Int {
        if limit == 0 { return defaultListLimit }
        guard limit <= maxListLimit else { throw .invalidArgument("limit must be at most \(maxListLimit)") }
        return Int(limit)
    }

    static func expectedVersion(_ version: UInt64) throws(SessionError) -> UInt64 {
        guard version >= 1 else { throw .invalidArgument("expected_version must be the version read (versions start at 1)") }
        guard version < 1 << 53 else { throw .invalidArgument("expected_version is out of range") }
        return version
    }

    private static func isTicketByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
