#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The directory a service's replicas put their sockets in.
enum SocketDirectory {
    /// Creates the directory (and its parents) and makes it 0770: the sockets' group may connect.
    static func prepare(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RPCServerError("cannot create the socket directory \(directory): \(error.localizedDescription)")
        }
        chmod(directory, 0o770)
    }

    /// Removes sockets nobody answers on, older than a few seconds (a replica that is starting
    /// has bound but maybe not yet listened); returns the paths removed.
    static func removeDeadSockets(in directory: String, except own: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names where name.hasSuffix(".sock") {
            let path = "\(directory)/\(name)"
            guard path != own else { continue }
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK else { continue }
            let age = time(nil) - info.st_mtim.tv_sec
            guard age >= 3, !UnixSocket.isAlive(path: path) else { continue }
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }
}
