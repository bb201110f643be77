/// A JSON value: what the Qdrant client writes and reads.
///
/// Objects keep their keys in order (requests are written in a stable order; a parsed object keeps
/// the server's order). Reading is lenient by construction: callers look up the fields they need and
/// ignore the rest, so a server that adds fields never breaks decoding.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(key: String, value: JSON)])
    /// A dense vector, written without boxing each component (never produced by the parser).
    case floats([Float])

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.floats(let a), .floats(let b)): a == b
        case (.floats(let a), .array(let b)), (.array(let b), .floats(let a)):
            a.count == b.count && zip(a, b).allSatisfy { $1.double.map { Float($0) } == $0 }
        default: false
        }
    }

    // MARK: Reading

    /// The member called `key` of an object (nil for other values or a missing key).
    subscript(_ key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var double: Double? { if case .number(let value) = self { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var array: [JSON]? { if case .array(let value) = self { value } else { nil } }
    var isNull: Bool { if case .null = self { true } else { false } }

    /// An integral number that fits in `Int`.
    var int: Int? {
        guard let value = double, value.rounded() == value, abs(value) < 9.007_199_254_740_992e15 else { return nil }
        return Int(value)
    }

    /// An array of strings; nil if it is not an array or holds anything else.
    var strings: [String]? {
        guard let items = array else { return nil }
        var result = [String]()
        result.reserveCapacity(items.count)
        for item in items {
            guard let text = item.string else { return nil }
            result.append(text)
        }
        return result
    }

    // MARK: Building

    static func int(_ value: Int) -> JSON { .number(Double(value)) }

    static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements.map { (key: $0.0, value: $0.1) }) }
}
