import Dispatch
import Foundation
import Synchronization

/// Where log lines go: a background thread writes them to a file descriptor.
///
/// Callers only append to a buffer, so a slow reader of stderr (a full pipe) never blocks a
/// request. When more than `capacity` lines are waiting, new lines are dropped and counted; the
/// count is reported in the next line written.
public final class LogSink: Sendable {
    public static let standardError = LogSink(fileDescriptor: 2)

    private struct State {
        var pending: [[UInt8]] = []
        var dropped = 0
    }

    private let fileDescriptor: Int32
    private let capacity: Int
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)

    public init(fileDescriptor: Int32, capacity: Int = 10_000) {
        self.fileDescriptor = fileDescriptor
        self.capacity = capacity
        let thread = Thread { [self] in
            Thread.current.name = "log-writer"
            self.drainForever()
        }
        thread.start()
    }

    func write(_ line: [UInt8]) {
        let first = state.withLock { state -> Bool in
            guard state.pending.count < capacity else {
                state.dropped += 1
                return false
            }
            state.pending.append(line)
            return state.pending.count == 1
        }
        if first { wakeup.signal() }
    }

    /// Writes everything pending now, on the caller's thread (used before the process exits).
    public func flush() {
        let (lines, dropped) = takePending()
        writeOut(lines, dropped: dropped)
    }

    private func drainForever() {
        while true {
            wakeup.wait()
            let (lines, dropped) = takePending()
            writeOut(lines, dropped: dropped)
        }
    }

    private func takePending() -> ([[UInt8]], Int) {
        state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true); state.dropped = 0 }
            return (state.pending, state.dropped)
        }
    }

    private func writeOut(_ lines: [[UInt8]], dropped: Int) {
        var buffer: [UInt8] = []
        if dropped > 0 {
            buffer.append(contentsOf: "{\"level\":\"warning\",\"msg\":\"log lines dropped\",\"dropped\":\(dropped)}\n".utf8)
        }
        for line in lines { buffer.append(contentsOf: line) }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
    }
}
