/// A setting that cannot be used; the service refuses to start and says which one and why.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "invalid configuration \(key): \(message)" }
}
