/// A JSON value, as the services write and read it on their HTTP boundaries.
///
/// Objects keep their keys in order (see ``JSONObject``), so bodies are written in the order they
/// are built and a parsed object keeps its sender's order. ``floats(_:)`` carries a dense vector
/// without boxing each component in a `.number`; the parser never produces it.
package enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
    case floats([Float])

    /// `.floats` equals an array of the same numbers, so a written vector compares equal to its parse.
    package static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.floats(let a), .floats(let b)): a == b
        case (.floats(let a), .array(let b)), (.array(let b), .floats(let a)):
            a.count == b.count && zip(a, b).allSatisfy { float, item in item.numberValue.map { Float($0) } == float }
        default: false
        }
    }

    /// The type's name with its article, for messages such as "expected a string, got a number".
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array, .floats: "an array"
        case .object: "an object"
        }
    }
}
