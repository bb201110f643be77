#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TriageCore

/// Why a connection ended.
package enum ConnectionCloseReason: Sendable, CustomStringConvertible {
    case peerClosed
    case closedLocally
    case protocolError(FramingError)
    case ioError(Int32)
    case outboundOverflow

    package var description: String {
        switch self {
        case .peerClosed: "closed by peer"
        case .closedLocally: "closed locally"
        case .protocolError(let error): "protocol error: \(error)"
        case .ioError(let code): "I/O error: \(String(cString: strerror(code)))"
        case .outboundOverflow: "peer not reading; outbound buffer overflowed"
        }
    }
}

/// What a connection reports to its owner, on the event loop's thread.
package protocol FramedConnectionDelegate: AnyObject, Sendable {
    func connection(_ connection: FramedConnection, received frame: RPCFrame)
    func connectionClosed(_ connection: FramedConnection, reason: ConnectionCloseReason)
}

/// A socket carrying length-prefixed frames. Reads and decoding happen on the event loop's
/// thread; `send` writes directly from the caller's thread (non-blocking) and leaves whatever
/// the kernel does not take to the loop, which flushes it when the socket is writable.
package final class FramedConnection: EventHandler, @unchecked Sendable {
    // Immutable after init, or confined to the loop thread (readBuffer), or behind `output`.
    package let fd: Int32
    private let codec: FrameCodec
    private let loop: EventLoop
    private var readBuffer = ByteBuffer()
    private weak var delegate: (any FramedConnectionDelegate)?
    private var registration: EventLoop.Registration?

    private struct Output {
        var pending: [UInt8] = []
        var offset = 0
        var watchingWritable = false
        var closing = false
        var finished = false
        var closeReason: ConnectionCloseReason?
    }
    private let output = Mutex(Output())

    /// The most bytes queued for a peer that does not read before the connection is dropped.
    private static let maxPendingOutput = 64 * 1024 * 1024

    package init(fd: Int32, codec: FrameCodec, loop: EventLoop) {
        self.fd = fd
        self.codec = codec
        self.loop = loop
    }

    /// Starts reading; frames and the close go to `delegate` (held weakly).
    package func start(delegate: any FramedConnectionDelegate) {
        self.delegate = delegate
        registration = loop.register(fd: fd, handler: self)
    }

    /// Queues a framed message. Returns false when the connection is closing or closed.
    @discardableResult
    package func send(_ bytes: [UInt8]) -> Bool {
        output.withLock { out -> Bool in
            guard !out.closing else { return false }
            if out.pending.count - out.offset == 0 {
                let written = bytes.withUnsafeBytes { raw in Self.writeSome(fd, raw) }
                if written < 0 {
                    beginClose(&out, reason: .ioError(Int32(-written)))
                    return false
                }
                if written == bytes.count { return true }
                out.pending = Array(bytes[written...])
                out.offset = 0
            } else {
                if out.pending.count - out.offset + bytes.count > Self.maxPendingOutput {
                    beginClose(&out, reason: .outboundOverflow)
                    return false
                }
                out.pending.append(contentsOf: bytes)
            }
            if !out.watchingWritable, let registration {
                out.watchingWritable = true
                loop.setInterest(registration, readable: true, writable: true)
            }
            return true
        }
    }

    /// Closes the connection; the delegate hears about it once, on the loop thread.
    package func close() {
        output.withLock { beginClose(&$0, reason: .closedLocally) }
    }

    /// Non-blocking write; returns bytes written (0 if the kernel buffer is full) or -errno.
    private static func writeSome(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int {
        var total = 0
        while total < raw.count {
            let n = Glibc.send(fd, raw.baseAddress! + total, raw.count - total, Int32(MSG_NOSIGNAL))
            if n > 0 { total += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            return -Int(errno)
        }
        return total
    }

    /// Marks the connection closing and wakes the loop, which finishes the close on its thread
    /// (so the descriptor is never closed while the loop might still read it).
    private func beginClose(_ out: inout Output, reason: ConnectionCloseReason) {
        guard !out.closing else { return }
        out.closing = true
        out.closeReason = reason
        shutdown(fd, Int32(SHUT_RDWR))
    }

    // MARK: On the loop thread

    package func handleEvents(readable: Bool, writable: Bool, hangup: Bool, loop: EventLoop) {
        if writable { flush() }
        if readable || hangup { readAvailable(loop: loop) }
        if output.withLock({ $0.closing }) { finish(reason: nil) }
    }

    private func flush() {
        output.withLock { out in
            guard !out.closing else { return }
            let remaining = out.pending.count - out.offset
            if remaining > 0 {
                let written = out.pending.withUnsafeBytes { raw in
                    Self.writeSome(fd, UnsafeRawBufferPointer(rebasing: raw[out.offset...]))
                }
                if written < 0 { beginClose(&out, reason: .ioError(Int32(-written))); return }
                out.offset += written
            }
            if out.offset == out.pending.count {
                out.pending.removeAll(keepingCapacity: out.pending.capacity <= 1 << 20)
                out.offset = 0
                if out.watchingWritable, let registration {
                    out.watchingWritable = false
                    loop.setInterest(registration, readable: true, writable: false)
                }
            }
        }
    }

    private func readAvailable(loop: EventLoop) {
        let buffer = loop.readBuffer
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n > 0 {
                readBuffer.append(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
                if n < buffer.count { break }
                continue
            }
            if n == 0 { finish(reason: .peerClosed); return }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            finish(reason: .ioError(errno))
            return
        }
        do {
            while let frame = try codec.decode(&readBuffer) {
                delegate?.connection(self, received: frame)
            }
        } catch {
            finish(reason: .protocolError(error))
        }
    }

    /// Ends the connection once: deregisters, closes the descriptor, tells the delegate.
    private func finish(reason: ConnectionCloseReason?) {
        let final = output.withLock { out -> ConnectionCloseReason? in
            guard !out.finished else { return nil }
            out.finished = true
            out.closing = true
            return out.closeReason ?? reason ?? .closedLocally
        }
        guard let final else { return }
        if let registration { loop.deregister(registration) }
        Glibc.close(fd)
        delegate?.connectionClosed(self, reason: final)
    }
}
