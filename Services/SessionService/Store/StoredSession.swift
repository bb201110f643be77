import TriageContracts
import TriageRPC

/// A session as the scripts read it back from its Redis hash (see ``SessionScripts``), decoded
/// into a ``SessionRecord``.
enum StoredSession {
    /// The layout of the stored value this release writes. Bump it when the hash fields or their
    /// encodings change, and keep reading the older ones.
    static let schemaVersion = 1

    private static let fieldCount = 13

    /// Decodes {ticket, customer, schema, version, state, messages, count, created, updated, ttl,
    /// origin, last, pttl}; `now` turns the remaining lifetime into an instant.
    static func record(from reply: RedisReply, now: Int64) throws -> SessionRecord {
        guard case .array(let fields) = reply, fields.count == fieldCount else {
            throw RedisError.unexpectedReply("a stored session is not a \(fieldCount)-element array")
        }
        let ticket = try text(fields[0], "ticket")
        let schema = try number(fields[2], "schema")
        guard schema >= 1 else { throw SessionError.unreadable(ticket: ticket) }
        guard schema <= schemaVersion else { throw SessionError.newerSchema(ticket: ticket, schema: Int(schema)) }

        let state: SessionState
        let messages: SessionMessageList
        do {
            state = try SessionState(serializedBytes: bytes(fields[4]))
            messages = try SessionMessageList(serializedBytes: bytes(fields[5]))
        } catch {
            throw SessionError.unreadable(ticket: ticket)
        }
        let remainingMillis = try integer(fields[12], "pttl")
        return SessionRecord(
            ticketID: ticket,
            customerID: try text(fields[1], "customer"),
            version: UInt64(clamping: try number(fields[3], "version")),
            state: state,
            messages: messages.messages,
            messageCount: UInt32(clamping: try number(fields[6], "count")),
            createdAtMicros: try number(fields[7], "created"),
            updatedAtMicros: try number(fields[8], "updated"),
            ttlSeconds: UInt32(clamping: try number(fields[9], "ttl")),
            expiresAtMicros: remainingMillis > 0 ? now + remainingMillis * 1000 : 0,
            originRequestKey: (try? text(fields[10], "origin")) ?? "",
            lastRequestKey: (try? text(fields[11], "last")) ?? "",
            schemaVersion: UInt32(schema)
        )
    }

    private static func bytes(_ reply: RedisReply) -> [UInt8] {
        if case .string(let bytes) = reply { return bytes }
        return []
    }

    private static func text(_ reply: RedisReply, _ field: String) throws -> String {
        guard case .string(let bytes) = reply else { throw RedisError.unexpectedReply("session field \(field) is \(reply.kindName)") }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func number(_ reply: RedisReply, _ field: String) throws -> Int64 {
        switch reply {
        case .integer(let value): return value
        case .string(let bytes):
            guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else {
                throw RedisError.unexpectedReply("session field \(field) is not a number")
            }
            return value
        default:
            throw RedisError.unexpectedReply("session field \(field) is \(reply.kindName)")
        }
    }

    private static func integer(_ reply: RedisReply, _ field: String) throws -> Int64 {
        guard case .integer(let value) = reply else { throw RedisError.unexpectedReply("session field \(field) is \(reply.kindName)") }
        return value
    }
}
