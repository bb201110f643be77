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

extension RedisCommand {
    /// Calls `body` with `argc`, `argv` and `argvlen` as hiredis' `…CommandArgv` functions take
    /// them: one contiguous copy of the arguments, so that every pointer stays valid for the call.
    func withArgv<R>(_ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int>?) -> R) -> R {
        let lengths = arguments.map(\.count)
        var blob: [UInt8] = []
        blob.reserveCapacity(lengths.reduce(0, +))
        for argument in arguments { blob.append(contentsOf: argument) }
        return blob.withUnsafeBytes { bytes in
            // An empty blob has no base address; any valid pointer will do for zero-length arguments.
            let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            var offset = 0
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(lengths.count)
            for length in lengths {
                pointers.append((base + offset).assumingMemoryBound(to: CChar.self))
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in body(Int32(lengths.count), argv.baseAddress, argvlen.baseAddress) }
            }
        }
    }
}
