#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// A socket call that failed, with the errno text; never includes anything secret.
package struct SocketError: Error, Sendable, CustomStringConvertible {
    package let operation: String
    package let path: String
    package let code: Int32

    package var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }

    /// Nobody listens there (the file is gone, or a dead process left it behind).
    package var isNobodyListening: Bool { code == ECONNREFUSED || code == ENOENT }
}

/// Unix domain stream sockets, non-blocking and close-on-exec.
package enum UnixSocket {
    package static let maxPathLength = 107

    private static func address(_ path: String) throws(SocketError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count <= maxPathLength else {
            throw SocketError(operation: "socket path too long (max \(maxPathLength) bytes)", path: path, code: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    private static func makeSocket(_ path: String) throws(SocketError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", path: path, code: errno) }
        return fd
    }

    /// Binds and listens at `path`; the socket file gets `mode` (0660: owner and group only).
    package static func listen(path: String, backlog: Int32 = 1024, mode: mode_t = 0o660) throws(SocketError) -> Int32 {
        var address = try address(path)
        let fd = try makeSocket(path)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "bind", path: path, code: code)
        }
        chmod(path, mode)
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw SocketError(operation: "listen", path: path, code: code)
        }
        return fd
    }

    /// Connects without blocking: a Unix socket either accepts at once or refuses at once.
    package static func connect(path: String) throws(SocketError) -> Int32 {
        var address = try address(path)
        let fd = try makeSocket(path)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "connect", path: path, code: code)
        }
        return fd
    }

    /// The next pending connection, or nil when there is none right now.
    package static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = triage_accept_nonblocking(listener)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Whether a process answers at `path` (used before removing a socket file that looks stale).
    package static func isAlive(path: String) -> Bool {
        do {
            let fd = try connect(path: path)
            close(fd)
            return true
        } catch {
            // EAGAIN: the listener's backlog is full, so somebody is very much alive.
            return error.code == EAGAIN
        }
    }
}
