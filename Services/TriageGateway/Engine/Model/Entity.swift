/// What kind of thing an extracted entity is.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable {
    case orderNumber = "order_number"
    case invoiceNumber = "invoice_number"
    case amount
    case email
    case httpStatus = "http_status"
    case errorCode = "error_code"
    case errorMessage = "error_message"
    case seatCount = "seat_count"
    case date
    case deadline
    case productFeature = "product_feature"
}

/// A fact found in the customer's text, with where it was found.
public struct Entity: Sendable, Hashable {
    public var kind: EntityKind
    /// The text as written.
    public var text: String
    /// A canonical form: `49.99 EUR`, `INV-2024-001`, `503`, `PT2H` (a deadline in ISO 8601 duration), …
    public var normalized: String
    /// Start of the span, in Unicode scalars (code points) from the start of the message's content.
    public var start: Int
    /// End of the span (exclusive), in Unicode scalars.
    public var end: Int
    /// Index of the message in `TicketText.messages`.
    public var messageIndex: Int

    public init(kind: EntityKind, text: String, normalized: String, start: Int, end: Int, messageIndex: Int) {
        self.kind = kind
        self.text = text
        self.normalized = normalized
        self.start = start
        self.end = end
        self.messageIndex = messageIndex
    }
}
