import Synchronization

/// A value delivered exactly once to one waiter, whichever comes first: the value or the wait.
///
/// The building block for bridging callbacks from I/O threads (a response frame, a timer, a
/// cancel) to one suspended task: every side calls `resume`, only the first one counts.
public final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Value, Never>)
        case done(Value)
        case consumed
    }
    private let state = Mutex(State.idle)

    public init() {}

    /// Suspends until a value is delivered. Call at most once.
    public func wait() async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            let ready = state.withLock { state -> Value? in
                switch state {
                case .idle:
                    state = .waiting(continuation)
                    return nil
                case .done(let value):
                    state = .consumed
                    return value
                case .waiting, .consumed:
                    preconditionFailure("OneShot waited on twice")
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Delivers `value` if nothing was delivered before; returns whether this call won.
    @discardableResult
    public func resume(_ value: Value) -> Bool {
        let (won, continuation) = state.withLock { state -> (Bool, CheckedContinuation<Value, Never>?) in
            switch state {
            case .idle:
                state = .done(value)
                return (true, nil)
            case .waiting(let continuation):
                state = .consumed
                return (true, continuation)
            case .done, .consumed:
                return (false, nil)
            }
        }
        continuation?.resume(returning: value)
        return won
    }

    public var isResolved: Bool {
        state.withLock { if case .idle = $0 { return false } else if case .waiting = $0 { return false }; return true }
    }
}
