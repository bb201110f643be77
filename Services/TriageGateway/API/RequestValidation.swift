import TriageJSON

/// Turns request bodies into validated inputs. Unknown fields are ignored; nothing about a request
/// that fails here is written anywhere.
enum RequestValidation {
    static let maxMessages = 100
    static let maxContentCharacters = 20_000
    static let maxIDLength = 128

    static func triageInput(from body: [UInt8]) throws(ValidationError) -> TriageInput {
        let object = try topLevelObject(body)
        let customerID = try identifier(object["customer_id"], field: "customer_id", required: true)!
        let ticketID = try ticketIdentifier(object["ticket_id"], required: false)
        let messages = try self.messages(object["messages"])
        guard messages.contains(where: { $0.role == .customer }) else {
            throw ValidationError(field: "messages", reason: "must contain at least one message with role \"customer\"")
        }
        return TriageInput(
            customerID: customerID,
            ticketID: ticketID,
            customerInfo: try customerInfo(object["customer_info"]),
            messages: messages,
            metadata: try metadata(object["metadata"])
        )
    }

    static func answerInput(from body: [UInt8]) throws(ValidationError) -> AnswerInput {
        let object = try topLevelObject(body)
        let ticketID = try ticketIdentifier(object["ticket_id"], required: true)!
        let content = try text(object["content"], field: "content")
        return AnswerInput(ticketID: ticketID, content: content)
    }

    /// Ticket ids in paths and bodies: 1–128 printable ASCII characters without spaces or slashes.
    static func validIdentifier(_ value: String) -> Bool {
        (1...maxIDLength).contains(value.utf8.count)
            && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }
    }

    /// Ticket ids: 1–128 characters of A–Z, a–z, 0–9, '.', '_', '-' (what the session store keys on).
    static func validTicketID(_ value: String) -> Bool {
        (1...maxIDLength).contains(value.utf8.count) && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// The latest instant the stores keep (before the year 10000), in microseconds since 1970.
    static let latestTimestampMicros: Int64 = 253_402_300_800_000_000

    // MARK: Fields

    private static func ticketIdentifier(_ value: JSON?, required: Bool) throws(ValidationError) -> String? {
        guard let value, !value.isNull else {
            if required { throw ValidationError(field: "ticket_id", reason: "is required") }
            return nil
        }
        guard let string = value.stringValue else { throw ValidationError(field: "ticket_id", reason: "must be a string, got \(value.typeName)") }
        guard validTicketID(string) else {
            throw ValidationError(field: "ticket_id", reason: "must be 1–\(maxIDLength) characters of A–Z, a–z, 0–9, '.', '_' or '-'")
        }
        return string
    }

    private static func topLevelObject(_ body: [UInt8]) throws(ValidationError) -> JSONObject {
        guard !body.isEmpty else { throw ValidationError(field: "body", reason: "is empty; send a JSON object") }
        let value: JSON
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw ValidationError(field: "body", reason: "is not valid JSON (\(error))")
        }
        guard let object = value.objectValue else { throw ValidationError(field: "body", reason: "must be a JSON object, got \(value.typeName)") }
        return object
    }

    private static func identifier(_ value: JSON?, field: String, required: Bool) throws(ValidationError) -> String? {
        guard let value, !value.isNull else {
            if required { throw ValidationError(field: field, reason: "is required") }
            return nil
        }
        guard let string = value.stringValue else { throw ValidationError(field: field, reason: "must be a string, got \(value.typeName)") }
        guard validIdentifier(string) else {
            throw ValidationError(field: field, reason: "must be 1–\(maxIDLength) printable ASCII characters without spaces or '/'")
        }
        return string
    }

    private static func text(_ value: JSON?, field: String) throws(ValidationError) -> String {
        guard let value, !value.isNull else { throw ValidationError(field: field, reason: "is required") }
        guard let string = value.stringValue else { throw ValidationError(field: field, reason: "must be a string, got \(value.typeName)") }
        guard string.count <= maxContentCharacters else {
            throw ValidationError(field: field, reason: "is longer than \(maxContentCharacters) characters")
        }
        guard !string.unicodeScalars.contains("\u{0}") else { throw ValidationError(field: field, reason: "must not contain U+0000") }
        return string
    }

    private static func messages(_ value: JSON?) throws(ValidationError) -> [InputMessage] {
        guard let value, !value.isNull else { throw ValidationError(field: "messages", reason: "is required") }
        guard let array = value.arrayValue else { throw ValidationError(field: "messages", reason: "must be an array, got \(value.typeName)") }
        guard !array.isEmpty else { throw ValidationError(field: "messages", reason: "must not be empty") }
        guard array.count <= maxMessages else { throw ValidationError(field: "messages", reason: "has more than \(maxMessages) messages") }
        var messages: [InputMessage] = []
        for (index, item) in array.enumerated() {
            let field = "messages[\(index)]"
            guard let object = item.objectValue else { throw ValidationError(field: field, reason: "must be an object, got \(item.typeName)") }
            guard let roleValue = object["role"], !roleValue.isNull else { throw ValidationError(field: "\(field).role", reason: "is required") }
            guard let roleName = roleValue.stringValue, let role = InputMessage.Role(rawValue: roleName) else {
                throw ValidationError(field: "\(field).role", reason: "must be \"customer\" or \"agent\"")
            }
            let content = try text(object["content"], field: "\(field).content")
            var timestamp: String?
            if let stamp = object["timestamp"], !stamp.isNull {
                guard let string = stamp.stringValue, let micros = Timestamps.parse(string) else {
                    throw ValidationError(field: "\(field).timestamp", reason: "must be an RFC 3339 date-time, e.g. 2024-11-15T14:00:00Z")
                }
                guard micros >= 0, micros < latestTimestampMicros else {
                    throw ValidationError(field: "\(field).timestamp", reason: "must be from 1970 to 9999")
                }
                timestamp = string
            }
            messages.append(InputMessage(role: role, content: content, timestamp: timestamp))
        }
        return messages
    }

    private static func customerInfo(_ value: JSON?) throws(ValidationError) -> CustomerInfo? {
        guard let value, !value.isNull else { return nil }
        guard let object = value.objectValue else { throw ValidationError(field: "customer_info", reason: "must be an object, got \(value.typeName)") }
        var info = CustomerInfo()
        if let plan = object["plan"], !plan.isNull {
            guard let name = plan.stringValue, let parsed = CustomerInfo.Plan(rawValue: name.lowercased()) else {
                throw ValidationError(field: "customer_info.plan", reason: "must be one of free, pro, enterprise")
            }
            info.plan = parsed
        }
        info.tenureMonths = try count(object["tenure_months"], field: "customer_info.tenure_months", minimum: 0)
        info.seats = try count(object["seats"], field: "customer_info.seats", minimum: 1)
        info.previousTickets = try count(object["previous_tickets"], field: "customer_info.previous_tickets", minimum: 0)
        if let region = object["region"], !region.isNull {
            guard let string = region.stringValue, (1...50).contains(string.count), !string.unicodeScalars.contains("\u{0}") else {
                throw ValidationError(field: "customer_info.region", reason: "must be a string of 1–50 characters")
            }
            info.region = string
        }
        return info
    }

    private static func count(_ value: JSON?, field: String, minimum: Int) throws(ValidationError) -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let number = value.numberValue, number == number.rounded(), number >= Double(minimum), number <= 1_000_000 else {
            throw ValidationError(field: field, reason: "must be a whole number from \(minimum) to 1000000")
        }
        return Int(number)
    }

    private static func metadata(_ value: JSON?) throws(ValidationError) -> [String: String] {
        guard let value, !value.isNull else { return [:] }
        guard let object = value.objectValue else { throw ValidationError(field: "metadata", reason: "must be an object, got \(value.typeName)") }
        var metadata: [String: String] = [:]
        for (key, item) in object.entries {
            guard let string = item.stringValue else { continue }  // free-form: non-string values are ignored
            guard string.count <= 1000, !string.unicodeScalars.contains("\u{0}") else {
                throw ValidationError(field: "metadata.\(key)", reason: "must be at most 1000 characters without U+0000")
            }
            metadata[key] = string
        }
        return metadata
    }
}
