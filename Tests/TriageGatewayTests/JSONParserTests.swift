import Testing
@testable import TriageGateway

@Suite("JSON parser and writer")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSON { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"s": "a\"b\\c\/\n\u00e9\ud83d\ude00", "n": -12.5e1, "i": 0, "t": true, "f": false, "z": null, "a": [1, [], {}]} "#)
        let object = try #require(value.objectValue)
        #expect(object["s"] == .string("a\"b\\c/\né😀"))
        #expect(object["n"] == .number(-125))
        #expect(object["i"] == .number(0))
        #expect(object["t"] == .bool(true) && object["f"] == .bool(false) && object["z"] == .null)
        #expect(object["a"] == .array([.number(1), .array([]), .object([:])]))
        #expect(object.keys == ["s", "n", "i", "t", "f", "z", "a"])
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "+1", "1e", "tru", "nul",
        "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "{} {}", "[1] x", "1e400",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try parse(deep) }
    }

    @Test func errorsSayWhere() {
        do throws(JSONParseError) {
            _ = try JSONParser.parse(Array(#"{"a": tru}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 6)
            #expect(error.description.contains("invalid literal"))
        }
    }

    @Test func writesCompactJSONThatParsesBack() throws {
        let value: JSON = .object(["b": .number(3), "a": .array([.string("é\n\"\u{1}"), .bool(true), .null, .number(0.25)])])
        let bytes = value.serialized()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"b":3,"a":["é\n\"\u0001",true,null,0.25]}"#)
        #expect(try JSONParser.parse(bytes) == value)
    }
}

@Suite("HTTP router")
struct HTTPRouterTests {
    @Test func matchesLiteralsAndParametersAndReportsAllowedMethods() {
        var router = HTTPRouter()
        router.add("GET", "/api/tickets/{ticket_id}") { _, _ in .text("t") }
        router.add("GET", "/api/customers/{customer_id}/tickets") { _, _ in .text("c") }
        router.add("POST", "/api/triage") { _, _ in .text("p") }
        guard case .found(let route, let parameters) = router.match(method: "GET", path: "/api/tickets/TKT-1%20A") else {
            Issue.record("no match")
            return
        }
        #expect(route.pattern == "/api/tickets/{ticket_id}")
        #expect(parameters["ticket_id"] == "TKT-1 A")
        guard case .methodNotAllowed(let allowed) = router.match(method: "GET", path: "/api/triage") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["POST"])
        if case .notFound = router.match(method: "GET", path: "/api/tickets") {} else { Issue.record("expected 404") }
        if case .found = router.match(method: "HEAD", path: "/api/customers/c1/tickets") {} else { Issue.record("HEAD should match GET") }
    }
}
