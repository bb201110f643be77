/// A command argument: text, a number, or raw bytes (protobuf values).
struct RedisArgument: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { bytes = Array(text.utf8) }
    init(_ number: some BinaryInteger) { bytes = Array(String(number).utf8) }
    init(stringLiteral value: String) { self.init(value) }
    init(integerLiteral value: Int) { self.init(value) }
}
