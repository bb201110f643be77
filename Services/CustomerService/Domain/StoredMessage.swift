/// A message as `chat_messages` holds it.
struct StoredMessage: Sendable, Equatable, Encodable {
    var role: String
    var content: String
    var createdAtMicros: Int64

    enum CodingKeys: String, CodingKey {
        case role, content
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try container.encode(PostgresTimestamp.format(micros: createdAtMicros), forKey: .createdAt)
    }
}
