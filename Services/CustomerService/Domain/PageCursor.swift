import Foundation
import TriageRPC

/// Where the next page starts, as opaque base64url text the caller passes back unchanged.
/// Paging is by keyset (the last row's sort key), never by OFFSET, so a page costs the same
/// however deep it is and rows inserted meanwhile do not shift it.
struct PageCursor: Equatable {
    /// Which listing the cursor belongs to, so that one listing's cursor is refused by another.
    var kind: String
    var keys: [String]

    private static let separator: Character = "\u{1F}"  // identifiers cannot contain control characters

    var encoded: String {
        let raw = ([kind] + keys).joined(separator: String(Self.separator))
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor of `kind` with `keyCount` keys; anything else is INVALID_ARGUMENT.
    init(decoding text: String, kind: String, keyCount: Int, field: String = "cursor") throws(RPCError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else {
            throw .invalidArgument("\(field): not a cursor this service returned")
        }
        let parts = raw.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == keyCount + 1, parts[0] == kind else {
            throw .invalidArgument("\(field): not a cursor of this listing")
        }
        self.init(kind: kind, keys: Array(parts.dropFirst()))
    }

    init(kind: String, keys: [String]) {
        self.kind = kind
        self.keys = keys
    }

    /// A requested page size: 0 means `defaultSize`, more than `maximum` is clamped.
    static func pageSize(_ requested: UInt32, default defaultSize: Int, maximum: Int) -> Int {
        requested == 0 ? defaultSize : min(Int(requested), maximum)
    }
}
