import Synchronization

/// The Lua scripts every connection loads (`SCRIPT LOAD`) when it opens, and the SHA1 Redis gave
/// each: calls go by SHA (`EVALSHA`) once one is known. A script cache flushed behind our back is
/// answered with `NOSCRIPT`, and the call is sent again with the source.
final class RedisScriptCache: Sendable {
    let scripts: [RedisScript]
    private let shas = Mutex<[String: String]>([:])

    init(_ scripts: [RedisScript]) { self.scripts = scripts }

    func sha(for name: String) -> String? { shas.withLock { $0[name] } }

    func store(sha: String, for name: String) { shas.withLock { $0[name] = sha } }
}
