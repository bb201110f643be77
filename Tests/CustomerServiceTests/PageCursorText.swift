import Foundation

/// Cursors built the way the service builds them, to show that a cursor of one listing (or
/// a doctored one) is refused by another.
enum PageCursorText {
    static func customers(_ id: String) -> String { encode(["customers", id]) }
    static func tickets(_ micros: String, _ ticket: String) -> String { encode(["tickets", micros, ticket]) }

    private static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
