/// One command as binary-safe arguments, the way `redisAppendCommandArgv` takes them.
struct RedisCommand: Sendable {
    var arguments: [[UInt8]]

    init(_ arguments: [[UInt8]]) {
        precondition(!arguments.isEmpty, "a Redis command needs a name")
        self.arguments = arguments
    }

    init(_ name: String, _ arguments: [RedisArgument]) {
        self.init([Array(name.utf8)] + arguments.map(\.bytes))
    }

    init(_ name: String, _ arguments: RedisArgument...) {
        self.init(name, arguments)
    }

    /// The command name, for logs (never the arguments: they hold customer data).
    var name: String { String(decoding: arguments[0], as: UTF8.self) }
}
