import Foundation
import Synchronization
import TriageContracts
import TriageCore
import TriageRPC

/// triage.Echo: answers with the payload after an optional delay, fails on request, relays to a
/// peer (to show deadline and request-id propagation), and counts what happened.
struct EchoHandler: EchoRPC.ServiceProtocol {
    let instance: String
    let peers: EchoRPC.Client
    private let counters = Counters()
    /// Where a "stuck" handler sleeps: a blocking call, as a real store client might make.
    private let stuck = BlockingThreadPool(name: "echo-stuck", threads: 4)

    /// State that takes this long to free when the server is torn down (`RPC_TEST_TEARDOWN_MS`), as
    /// a service's large read-only data does (knowledge-service's lexicons): a wide window in which
    /// the I/O thread may still be closing connections while the server is being freed.
    private let teardown: SlowTeardown?

    init(instance: String, peers: EchoRPC.Client, teardownMillis: Int = 0) {
        self.instance = instance
        self.peers = peers
        self.teardown = teardownMillis > 0 ? SlowTeardown(millis: teardownMillis) : nil
    }

    func echo(request: EchoRequest, context: ServerContext) async throws -> EchoResponse {
        counters.started()
        var outcome = Counters.Outcome.completed
        defer { counters.finished(outcome) }
        do {
            if request.delayMillis > 0 {
                if request.ignoreCancellation {
                    let delay = Double(request.delayMillis) / 1000
                    _ = try await stuck.run { usleep(useconds_t(delay * 1_000_000)) }
                } else {
                    try await Task.sleep(for: .milliseconds(Int(request.delayMillis)))
                }
            }
        } catch {
            outcome = .cancelled
            throw error
        }
        if request.failCode != 0 {
            throw RPCError(code: RPCError.Code(rawValue: request.failCode), message: request.failMessage)
        }
        var response = EchoResponse(
            payload: request.payload,
            requestID: context.requestID ?? "",
            remainingDeadlineMicros: UInt64(max(context.timeRemaining.inMicroseconds, 0)),
            instance: instance
        )
        if request.relay {
            let inner = try await peers.echo(EchoRequest(payload: request.payload))
            response.relayed = RelayedEcho(requestID: inner.requestID, remainingDeadlineMicros: inner.remainingDeadlineMicros, instance: inner.instance)
        }
        return response
    }

    func stats(request: EchoStatsRequest, context: ServerContext) async throws -> EchoStatsResponse {
        counters.snapshot()
    }
}

private final class Counters: Sendable {
    enum Outcome { case completed, cancelled }
    private let state = Mutex((completed: UInt64(0), cancelled: UInt64(0), inFlight: UInt64(0)))

    func started() { state.withLock { $0.inFlight += 1 } }

    func finished(_ outcome: Outcome) {
        state.withLock {
            $0.inFlight -= 1
            switch outcome {
            case .completed: $0.completed += 1
            case .cancelled: $0.cancelled += 1
            }
        }
    }

    func snapshot() -> EchoStatsResponse {
        state.withLock { EchoStatsResponse(completed: $0.completed, cancelled: $0.cancelled, inFlight: $0.inFlight) }
    }
}

final class SlowTeardown: Sendable {
    let millis: Int
    init(millis: Int) { self.millis = millis }
    deinit { usleep(useconds_t(millis * 1_000)) }
}
