import CMicroHTTPD
import Foundation
import Synchronization

/// One request's life inside MHD: headers, body, then the response. MHD's thread fills it in;
/// a handler task answers it; MHD's thread sends the answer after the connection is resumed.
final class HTTPExchange: @unchecked Sendable {
    enum Phase: Sendable {
        case receiving
        case handling
        case answered(HTTPResponse)
        case sent
    }

    private struct State {
        var phase = Phase.receiving
        var body: [UInt8] = []
        var bodyTooLarge = false
        var queued = false
    }

    /// The `struct MHD_Connection *`, valid until MHD reports the request completed.
    let connection: OpaquePointer
    let method: String
    let url: String
    let headers: [String: String]
    let query: [String: String]
    let receivedAt = ContinuousClock.now
    private let state = Mutex(State())

    init(connection: OpaquePointer, method: String, url: String, headers: [String: String], query: [String: String]) {
        self.connection = connection
        self.method = method
        self.url = url
        self.headers = headers
        self.query = query
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer, limit: Int) {
        state.withLock { state in
            guard !state.bodyTooLarge else { return }
            if state.body.count + bytes.count > limit {
                state.bodyTooLarge = true
                state.body = []
            } else {
                state.body.append(contentsOf: bytes)
            }
        }
    }

    var bodyTooLarge: Bool { state.withLock { $0.bodyTooLarge } }

    /// Moves from receiving to handling; false if it was already past receiving.
    func beginHandling() -> Bool {
        state.withLock { state in
            guard case .receiving = state.phase else { return false }
            state.phase = .handling
            return true
        }
    }

    var phase: Phase { state.withLock { $0.phase } }

    /// Marks it as handed to a handler task: the server counts it in flight until MHD reports it
    /// completed (its answer written, or the connection gone), not merely answered.
    func markQueued() { state.withLock { $0.queued = true } }
    var wasQueued: Bool { state.withLock { $0.queued } }

    func request(requestID: String) -> HTTPRequest {
        let body = state.withLock { $0.body }
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return HTTPRequest(method: method, path: path, query: query, headers: headers, body: body, requestID: requestID)
    }

    /// Stores the answer and wakes the suspended connection so MHD sends it.
    func answer(_ response: HTTPResponse) {
        state.withLock { $0.phase = .answered(response) }
        MHD_resume_connection(connection)
    }

    /// Takes the answer for sending (once).
    func takeAnswer() -> HTTPResponse? {
        state.withLock { state in
            guard case .answered(let response) = state.phase else { return nil }
            state.phase = .sent
            return response
        }
    }
}
