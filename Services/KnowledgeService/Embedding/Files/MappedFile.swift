#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, unmapped when the last reference goes.
///
/// The weights are 90 MB; mapping them lets the kernel share the pages between processes and
/// between the engine's threads, and nothing is copied. `@unchecked Sendable` is sound because the
/// mapping is read-only and never changes after `init`.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`; throws `.modelMissing` when it does not exist and `.invalidModel` when it cannot be read.
    init(path: String) throws(EmbeddingError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            let code: EmbeddingError.Code = errno == ENOENT ? .modelMissing : .invalidModel
            throw EmbeddingError(code, "cannot open \(path): \(reason)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else {
            throw EmbeddingError(.invalidModel, "\(path) is empty or cannot be read")
        }
        let size = Int(info.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw EmbeddingError(.invalidModel, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// The SHA-256 of the whole file, as lowercase hex.
    func sha256() -> String { SHA256.hex(of: bytes) }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
