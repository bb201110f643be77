/// Text that is not valid JSON: what is wrong, and the byte offset where the parser found it.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    package let offset: Int

    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) at byte \(offset)" }
}
