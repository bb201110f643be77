import Dispatch
import Foundation

/// A Unix signal a ``ServiceGroup`` turns into a graceful shutdown.
public struct UnixSignal: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public static let sigterm = UnixSignal(rawValue: SIGTERM)
    public static let sigint = UnixSignal(rawValue: SIGINT)

    public var description: String {
        switch rawValue {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(rawValue)"
        }
    }

    /// The signals as they arrive; the default action of each is disabled while iterating.
    static func stream(_ signals: [UnixSignal]) -> AsyncStream<UnixSignal> {
        AsyncStream { continuation in
            let queue = DispatchQueue(label: "triage.signals")
            let sources = signals.map { signal -> any DispatchSourceSignal in
                Foundation.signal(signal.rawValue, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signal.rawValue, queue: queue)
                source.setEventHandler { continuation.yield(signal) }
                source.resume()
                return source
            }
            let box = SignalSources(sources)
            continuation.onTermination = { _ in box.cancel() }
        }
    }
}

/// Dispatch sources are thread-safe; this box only carries them to the termination handler.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    func cancel() { sources.forEach { $0.cancel() } }
}
