/// Why the embedding engine refused to start or to embed: a code to switch on, a message for people.
///
/// A struct rather than an enum so that new codes can be added without breaking callers that switch
/// over it (they match the codes they care about and treat the rest as internal). Messages name the
/// files involved and what to run to fix them; they never contain text that was being embedded.
public struct EmbeddingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }

        /// A model file is not where the configuration says it is.
        public static let modelMissing = Code("model missing")
        /// The weights on disk are not the ones this engine was validated against.
        public static let checksumMismatch = Code("checksum mismatch")
        /// A model file exists but cannot be used (bad header, missing tensor, wrong shape).
        public static let invalidModel = Code("invalid model")
        /// The static mode was asked for but its table has not been built for these weights.
        public static let staticModelMissing = Code("static model missing")
        /// An environment value could not be understood.
        public static let invalidConfiguration = Code("invalid configuration")
        /// Writing a file (the static model) failed.
        public static let ioFailure = Code("i/o failure")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
