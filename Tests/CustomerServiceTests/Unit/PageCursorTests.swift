@testable import CustomerService
import Testing
import TriageRPC

@Suite("PageCursor")
struct PageCursorTests {
    @Test func roundTripsKeysWithAnyCharacters() throws {
        let cursor = PageCursor(kind: "tickets", keys: ["1731679200000000", "TKT-'; DROP TABLE x; -- é/+="])
        let decoded = try PageCursor(decoding: cursor.encoded, kind: "tickets", keyCount: 2)
        #expect(decoded == cursor)
        #expect(!cursor.encoded.contains("+") && !cursor.encoded.contains("/") && !cursor.encoded.contains("="))
    }

    @Test func refusesOtherListingsAndGarbage() {
        let customers = PageCursor(kind: "customers", keys: ["c-1"]).encoded
        for (text, kind, count) in [(customers, "tickets", 2), (customers, "customers", 2), ("!!", "customers", 1), ("", "customers", 1)] {
            #expect(throws: RPCError.self) { try PageCursor(decoding: text, kind: kind, keyCount: count) }
        }
    }

    @Test func pageSizesDefaultAndClamp() {
        #expect(PageCursor.pageSize(0, default: 50, maximum: 500) == 50)
        #expect(PageCursor.pageSize(7, default: 50, maximum: 500) == 7)
        #expect(PageCursor.pageSize(9999, default: 50, maximum: 500) == 500)
    }
}
