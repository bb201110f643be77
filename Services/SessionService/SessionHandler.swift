import TriageContracts
import TriageRPC

/// `/triage.Session/*`: validates each request and hands it to the store. Runs on the RPC event
/// loop, and so do its Redis calls: hiredis async connections driven by the same loop.
struct SessionHandler: SessionRPC.ServiceProtocol {
    let store: SessionStore

    func createSession(request: CreateSessionRequest, context: ServerContext) async throws -> CreateSessionResponse {
        let write = try await store.create(
            ticketID: try SessionRequestValidation.ticketID(request.ticketID),
            customerID: try SessionRequestValidation.customerID(request.customerID),
            state: request.state ?? SessionState(),
            messages: try SessionRequestValidation.messages(request.messages, required: false),
            requestKey: try SessionRequestValidation.requestKey(request.requestKey),
            ttlSeconds: try SessionRequestValidation.ttl(request.ttlSeconds)
        )
        return CreateSessionResponse(session: write.session, replayed: write.replayed)
    }

    func getSession(request: GetSessionRequest, context: ServerContext) async throws -> GetSessionResponse {
        GetSessionResponse(session: try await store.get(ticketID: try SessionRequestValidation.ticketID(request.ticketID)))
    }

    func updateSession(request: UpdateSessionRequest, context: ServerContext) async throws -> UpdateSessionResponse {
        guard let state = request.state else { throw SessionError.invalidArgument("state is required: it replaces the stored one") }
        let write = try await store.update(
            ticketID: try SessionRequestValidation.ticketID(request.ticketID),
            expectedVersion: try SessionRequestValidation.expectedVersion(request.expectedVersion),
            state: state,
            appending: try SessionRequestValidation.messages(request.appendMessages, required: false),
            requestKey: try SessionRequestValidation.requestKey(request.requestKey),
            ttlSeconds: try SessionRequestValidation.ttl(request.ttlSeconds)
        )
        return UpdateSessionResponse(session: write.session, replayed: write.replayed)
    }

    func appendMessages(request: AppendMessagesRequest, context: ServerContext) async throws -> AppendMessagesResponse {
        let write = try await store.append(
            ticketID: try SessionRequestValidation.ticketID(request.ticketID),
            messages: try SessionRequestValidation.messages(request.messages, required: true),
            requestKey: try SessionRequestValidation.requestKey(request.requestKey),
            ttlSeconds: try SessionRequestValidation.ttl(request.ttlSeconds)
        )
        return AppendMessagesResponse(session: write.session, replayed: write.replayed)
    }

    func listActiveSessions(request: ListActiveSessionsRequest, context: ServerContext) async throws -> ListActiveSessionsResponse {
        let lookup = request.ticketID.isEmpty ? nil : try SessionRequestValidation.ticketID(request.ticketID)
        let listing = try await store.list(
            customerID: try SessionRequestValidation.customerID(request.customerID),
            limit: try SessionRequestValidation.listLimit(request.limit),
            includeMessages: request.includeMessages,
            ticketID: lookup
        )
        return ListActiveSessionsResponse(sessions: listing.sessions, hasMore: listing.hasMore,
                                          ticket: listing.ticket, ticketLookedUp: lookup != nil)
    }

    func deleteSession(request: DeleteSessionRequest, context: ServerContext) async throws -> DeleteSessionResponse {
        let deleted = try await store.delete(
            ticketID: try SessionRequestValidation.ticketID(request.ticketID),
            expectedVersion: request.expectedVersion
        )
        return DeleteSessionResponse(deleted: deleted)
    }
}
