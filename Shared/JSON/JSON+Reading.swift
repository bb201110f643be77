/// Lenient reading: callers look up the fields they need and ignore the rest, so a peer that adds
/// fields never breaks them. Each accessor is nil when the value is of another type.
extension JSON {
    /// The member called `key` of an object (nil for other values or a missing key).
    package subscript(key: String) -> JSON? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    package var objectValue: JSONObject? { if case .object(let object) = self { object } else { nil } }
    package var stringValue: String? { if case .string(let string) = self { string } else { nil } }
    package var numberValue: Double? { if case .number(let number) = self { number } else { nil } }
    package var boolValue: Bool? { if case .bool(let bool) = self { bool } else { nil } }
    package var isNull: Bool { if case .null = self { true } else { false } }

    /// The items of an array (a `.floats` vector's as numbers).
    package var arrayValue: [JSON]? {
        switch self {
        case .array(let items): items
        case .floats(let values): values.map { .number(Double($0)) }
        default: nil
        }
    }

    /// An integral number that `Double` holds exactly (below 2^53 in magnitude).
    package var intValue: Int? {
        guard let number = numberValue, number.rounded() == number, abs(number) < JSON.exactIntegerLimit else { return nil }
        return Int(number)
    }

    /// An array of strings; nil if it is not an array or holds anything else.
    package var stringArrayValue: [String]? {
        guard case .array(let items) = self else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard case .string(let string) = item else { return nil }
            strings.append(string)
        }
        return strings
    }

    // 2^53: from here on not every integer has a `Double`.
    static let exactIntegerLimit = 9_007_199_254_740_992.0
}
