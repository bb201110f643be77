/// String key/value pairs carried with a call or a response. Keys are lower-case ASCII
/// (they are lower-cased on insertion); a key may repeat.
public struct Metadata: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(key: String, value: String)] = []

    /// Set by the gateway per HTTP request and passed on by every hop.
    public static let requestIDKey = "x-request-id"
    /// The replica that answered, in responses.
    public static let instanceKey = "x-instance"

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { add(key, value) }
    }

    public mutating func add(_ key: String, _ value: String) {
        entries.append((key.lowercased(), value))
    }

    /// Replaces every value of `key`.
    public subscript(key: String) -> String? {
        get {
            let key = key.lowercased()
            return entries.first(where: { $0.key == key })?.value
        }
        set {
            let key = key.lowercased()
            entries.removeAll { $0.key == key }
            if let newValue { entries.append((key, newValue)) }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { entries.makeIterator() }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension Metadata {
    init(wire: [RPCEntry]) {
        for entry in wire { add(entry.key, entry.value) }
    }

    var wire: [RPCEntry] { entries.map { RPCEntry(key: $0.key, value: $0.value) } }
}
