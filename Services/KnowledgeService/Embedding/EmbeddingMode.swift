/// How text becomes a vector: the full transformer, or the static table distilled from it.
///
/// Vectors of different modes live in different spaces, so a collection records the mode (through
/// `EmbeddingEngine.modelIdentifier`) and refuses queries embedded in another one. A struct with
/// static members rather than an enum, so that a future mode does not break callers' switches.
public struct EmbeddingMode: Hashable, Sendable, CustomStringConvertible {
    /// The name used in `TRIAGE_EMBED_MODE` and in the model identifier.
    public let name: String

    private init(name: String) { self.name = name }

    /// all-MiniLM-L6-v2 itself: best quality, ≈ 21 MFLOP per token.
    public static let transformer = EmbeddingMode(name: "transformer")
    /// A per-token table distilled from the transformer at install time: microseconds per text,
    /// lower quality (word order and context are lost).
    public static let `static` = EmbeddingMode(name: "static")

    public static let all: [EmbeddingMode] = [.transformer, .static]

    /// The mode called `name`, or nil.
    public init?(_ name: String) {
        guard let mode = Self.all.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = mode
    }

    public var description: String { name }
}
