import TriageContracts
import TriageRPC

/// The sessions in Redis: one atomic script per operation (see ``SessionScripts``), with the
/// replies decoded into records and the outcomes turned into ``SessionError``s.
///
/// Errors: ``SessionError`` for what the caller should see (a Redis that cannot serve right
/// now becomes UNAVAILABLE); anything else (an unexpected reply, a script error) is thrown as
/// it is, so the RPC server logs it and answers INTERNAL.
struct SessionStore: Sendable {
    struct Write: Sendable {
        var session: SessionRecord
        /// The request key matched the last write applied: nothing was changed this time.
        var replayed: Bool
    }

    struct Listing: Sendable {
        var sessions: [SessionRecord]
        var hasMore: Bool
        /// The session of the ticket the listing was asked to look up too, if it has one.
        var ticket: SessionRecord?
    }

    let redis: RedisClient
    let settings: SessionStoreSettings
    let clock = SessionClock()

    func create(
        ticketID: String, customerID: String, state: SessionState, messages: [SessionMessage], requestKey: String, ttlSeconds: UInt32
    ) async throws -> Write {
        let now = clock.now()
        let stateBytes = state.serializedBytes()
        let messageBytes = encode(messages)
        let size = stateBytes.count + messageBytes.count
        guard size <= settings.maxSessionBytes else {
            throw SessionError.tooLarge(ticket: ticketID, bytes: Int64(size), limit: settings.maxSessionBytes)
        }
        let ttl = ttlSeconds == 0 ? settings.defaultTTLSeconds : Int(ttlSeconds)
        let (status, rest) = try await run(SessionScripts.create, [
            RedisArgument(ticketID), RedisArgument(customerID), RedisArgument(StoredSession.schemaVersion),
            RedisArgument(bytes: stateBytes), RedisArgument(bytes: messageBytes), RedisArgument(messages.count),
            RedisArgument(now), RedisArgument(ttl), RedisArgument(requestKey),
        ], idempotent: !requestKey.isEmpty)
        switch status {
        case "ok", "replayed": return Write(session: try record(rest, now: now), replayed: status == "replayed")
        case "exists": throw SessionError.alreadyExists(ticket: ticketID)
        default: throw unexpected(status, SessionScripts.create)
        }
    }

    func get(ticketID: String) async throws -> SessionRecord {
        let now = clock.now()
        let (status, rest) = try await run(SessionScripts.get, [RedisArgument(ticketID)], idempotent: true)
        switch status {
        case "ok": return try record(rest, now: now)
        case "missing": throw SessionError.notFound(ticket: ticketID)
        default: throw unexpected(status, SessionScripts.get)
        }
    }

    func update(
        ticketID: String, expectedVersion: UInt64, state: SessionState, appending messages: [SessionMessage],
        requestKey: String, ttlSeconds: UInt32
    ) async throws -> Write {
        let now = clock.now()
        let (status, rest) = try await run(SessionScripts.update, [
            RedisArgument(ticketID), RedisArgument(expectedVersion), RedisArgument(bytes: state.serializedBytes()),
            RedisArgument(bytes: encode(messages)), RedisArgument(messages.count), RedisArgument(now),
            RedisArgument(ttlSeconds), RedisArgument(requestKey), RedisArgument(settings.maxSessionBytes),
        ], idempotent: !requestKey.isEmpty)
        return try written(status, rest, ticketID: ticketID, expectedVersion: expectedVersion, now: now, script: SessionScripts.update)
    }

    func append(ticketID: String, messages: [SessionMessage], requestKey: String, ttlSeconds: UInt32) async throws -> Write {
        let now = clock.now()
        let (status, rest) = try await run(SessionScripts.append, [
            RedisArgument(ticketID), RedisArgument(bytes: encode(messages)), RedisArgument(messages.count), RedisArgument(now),
            RedisArgument(ttlSeconds), RedisArgument(requestKey), RedisArgument(settings.maxSessionBytes),
        ], idempotent: !requestKey.isEmpty)
        return try written(status, rest, ticketID: ticketID, expectedVersion: nil, now: now, script: SessionScripts.append)
    }

    /// The customer's active sessions and, when `ticketID` is given, that ticket's session (whoever
    /// its customer is), read in the same atomic step.
    func list(customerID: String, limit: Int, includeMessages: Bool, ticketID: String? = nil) async throws -> Listing {
        let now = clock.now()
        let (status, rest) = try await run(SessionScripts.list, [
            RedisArgument(customerID), RedisArgument(limit), RedisArgument(includeMessages ? "1" : "0"),
            RedisArgument(settings.listByteBudget), RedisArgument(ticketID ?? ""),
        ], idempotent: true)
        guard status == "ok", rest.count >= 2, case .integer(let hasMore) = rest[0] else {
            throw unexpected(status, SessionScripts.list)
        }
        // The looked-up ticket is 0 when it has no session (or none was asked for).
        let ticket: SessionRecord? = switch rest[1] {
        case .integer: nil
        default: try StoredSession.record(from: rest[1], now: now)
        }
        return Listing(sessions: try rest.dropFirst(2).map { try StoredSession.record(from: $0, now: now) },
                       hasMore: hasMore != 0, ticket: ticket)
    }

    /// Returns whether there was a session to delete.
    func delete(ticketID: String, expectedVersion: UInt64) async throws -> Bool {
        let (status, rest) = try await run(SessionScripts.delete, [RedisArgument(ticketID), RedisArgument(expectedVersion)], idempotent: true)
        switch status {
        case "deleted": return true
        case "missing": return false
        case "conflict":
            throw SessionError.versionConflict(ticket: ticketID, expected: expectedVersion, current: try integer(rest, SessionScripts.delete))
        default: throw unexpected(status, SessionScripts.delete)
        }
    }

    // MARK: Helpers

    private func written(
        _ status: String, _ rest: [RedisReply], ticketID: String, expectedVersion: UInt64?, now: Int64, script: RedisScript
    ) throws -> Write {
        switch status {
        case "ok", "replayed": return Write(session: try record(rest, now: now), replayed: status == "replayed")
        case "missing": throw SessionError.notFound(ticket: ticketID)
        case "conflict":
            throw SessionError.versionConflict(ticket: ticketID, expected: expectedVersion ?? 0, current: try integer(rest, script))
        case "too_large":
            throw SessionError.tooLarge(ticket: ticketID, bytes: try integer(rest, script), limit: settings.maxSessionBytes)
        default: throw unexpected(status, script)
        }
    }

    /// Messages without a timestamp get one from the service, strictly increasing.
    private func encode(_ messages: [SessionMessage]) -> [UInt8] {
        guard !messages.isEmpty else { return [] }
        let stamped = messages.map { message in
            var message = message
            if message.sentAtMicros == 0 { message.sentAtMicros = clock.nextMessageStamp() }
            return message
        }
        return SessionMessageList(messages: stamped).serializedBytes()
    }

    /// Runs a script and splits its reply into the status word and the rest.
    private func run(_ script: RedisScript, _ arguments: [RedisArgument], idempotent: Bool) async throws -> (String, [RedisReply]) {
        let reply: RedisReply
        do {
            reply = try await redis.evaluate(script, [RedisArgument(settings.keyPrefix)] + arguments, idempotent: idempotent)
        } catch let error as RedisError where error.isTransient {
            throw SessionError.unavailable
        }
        switch reply {
        case .array(let elements):
            guard let first = elements.first, case .string(let status) = first else { break }
            return (String(decoding: status, as: UTF8.self), Array(elements.dropFirst()))
        case .error(let message):
            let error = RedisError.reply(message)
            if error.isTransient { throw SessionError.unavailable }
            throw error
        default:
            break
        }
        throw RedisError.unexpectedReply("script \(script.name) answered \(reply.kindName)")
    }

    private func record(_ rest: [RedisReply], now: Int64) throws -> SessionRecord {
        guard let first = rest.first else { throw RedisError.unexpectedReply("a script answered without the session") }
        return try StoredSession.record(from: first, now: now)
    }

    private func integer(_ rest: [RedisReply], _ script: RedisScript) throws -> Int64 {
        guard let first = rest.first, case .integer(let value) = first else {
            throw RedisError.unexpectedReply("script \(script.name) answered without a number")
        }
        return value
    }

    private func unexpected(_ status: String, _ script: RedisScript) -> RedisError {
        .unexpectedReply("script \(script.name) answered '\(status.prefix(32))'")
    }
}
