/// A data file of the engine is missing or malformed; start-up fails with this.
public struct EngineDataError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String {
        line > 0 ? "engine data \(file):\(line): \(reason)" : "engine data \(file): \(reason)"
    }

    static func malformed(file: String, line: Int, reason: String) -> EngineDataError {
        EngineDataError(file: file, line: line, reason: reason)
    }

    static func missing(_ file: String, searched: [String]) -> EngineDataError {
        EngineDataError(file: file, line: 0, reason: "not found (searched \(searched.joined(separator: ", ")))")
    }
}
