/// A Lua script that runs atomically inside Redis. Connections load every script once
/// (`SCRIPT LOAD`) and call it by its SHA1; a script cache flushed behind our back is
/// answered with `NOSCRIPT`, and the call is sent again with the source.
struct RedisScript: Sendable {
    let name: String
    let source: String

    init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}
