#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The listening socket: accepts on the loop thread, removes its socket file on close (only if
/// the file is still the one it created, so a successor's socket is never removed).
final class Listener: EventHandler, @unchecked Sendable {
    private let fd: Int32
    private let path: String
    private let inode: ino_t
    /// Strong: the loop thread may still call in while `run()` has returned and the server is being
    /// freed. The server drops the listener when it stops listening, which ends the cycle.
    private let server: RPCServer
    private let registration = Mutex<EventLoop.Registration?>(nil)

    init(fd: Int32, path: String, server: RPCServer) {
        self.fd = fd
        self.path = path
        var info = stat()
        self.inode = stat(path, &info) == 0 ? info.st_ino : 0
        self.server = server
    }

    func start(loop: EventLoop) {
        registration.withLock { $0 = loop.register(fd: fd, handler: self) }
    }

    func handleEvents(readable: Bool, writable: Bool, hangup: Bool, loop: EventLoop) {
        while let connection = UnixSocket.accept(fd) { server.accepted(connection) }
    }

    func close(loop: EventLoop) {
        guard let registration = registration.withLock({ current -> EventLoop.Registration? in
            defer { current = nil }
            return current
        }) else { return }
        loop.deregister(registration)
        Glibc.close(fd)
        var info = stat()
        if stat(path, &info) == 0, info.st_ino == inode { unlink(path) }
    }
}
