/// Text that is not valid JSON: what is wrong, and the byte offset where the parser found it.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "expected ':'" or "lone surrogate in \u escape".
    package let message: String
    /// The offset of the byte the parser could not accept (the input's length when it ended early).
    package let offset: Int

    package var description: String { "\(message) at byte \(offset)" }
}
