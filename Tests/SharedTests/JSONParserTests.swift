import Testing
import TriageJSON

@Suite("JSON parser")
struct JSONParserTests {
    /// What the parser says about `bytes`: "message at byte N", or nil when it accepts them.
    func rejection(_ bytes: [UInt8], maxDepth: Int = 64) -> String? {
        do throws(JSONParseError) {
            _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
            return nil
        } catch {
            return error.description
        }
    }

    func rejection(_ text: String, maxDepth: Int = 64) -> String? { rejection(Array(text.utf8), maxDepth: maxDepth) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" {"s": "a\"b\\c\/\n\u00e9\ud83d\ude00", "n": -12.5e1, "i": 0, "t": true, "f": false, "z": null, "a": [1, [], {}]} "#)
        let object = try #require(value.objectValue)
        #expect(object["s"] == .string("a\"b\\c/\né😀"))
        #expect(object["n"] == .number(-125))
        #expect(object["i"] == .number(0))
        #expect(object["t"] == .bool(true) && object["f"] == .bool(false) && object["z"] == .null)
        #expect(object["a"] == .array([.number(1), .array([]), .object([:])]))
        #expect(object.keys == ["s", "n", "i", "t", "f", "z", "a"])
    }

    @Test func parsesTheEdgesOfTheGrammar() throws {
        #expect(try JSONParser.parse("-0") == .number(0) && JSONParser.parse("1E+2") == .number(100) && JSONParser.parse("2.5e-3") == .number(0.0025))
        #expect(try JSONParser.parse(#""\u0000\u001f\b\f\r\t""#) == .string("\u{0}\u{1F}\u{8}\u{C}\r\t"))
        #expect(try JSONParser.parse("\"é 😀 \u{2028}\"") == .string("é 😀 \u{2028}"))
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse(" \t\r\n[ ]\n") == .array([]))
        #expect(try JSONParser.parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
    }

    @Test func aRepeatedKeyKeepsItsLastValueInItsFirstPosition() throws {
        let object = try #require(try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#).objectValue)
        #expect(object.keys == ["a", "b"] && object["a"] == .number(3))
    }

    /// Every rejection: the message a client sees and the byte it points at.
    @Test(arguments: [
        ("", "unexpected end of input", 0), ("   ", "unexpected end of input", 3),
        ("{", "expected a string key", 1), ("{1: 2}", "expected a string key", 1), (#"{"a":1,}"#, "expected a string key", 7),
        (#"{"a" 1}"#, "expected ':'", 5), (#"{"a":1 "b":2}"#, "expected ',' or '}'", 7), ("[1 2]", "expected ',' or ']'", 3),
        ("[1,]", "unexpected character", 3), ("+1", "unexpected character", 0), ("NaN", "unexpected character", 0),
        ("Infinity", "unexpected character", 0), ("\u{FEFF}{}", "unexpected character", 0), ("'a'", "unexpected character", 0),
        ("tru", "invalid literal", 0), ("nul", "invalid literal", 0), (#"{"a": tru}"#, "invalid literal", 6), ("True", "unexpected character", 0),
        ("-", "invalid number", 1), ("-Infinity", "invalid number", 1), ("1.", "invalid number", 2), (".5", "unexpected character", 0),
        ("1e", "invalid number", 2), ("1e+", "invalid number", 3), ("1e400", "number out of range", 0), ("[-1e999]", "number out of range", 1),
        ("01", "unexpected data after the JSON value", 1), ("01x", "unexpected data after the JSON value", 1),
        ("{} {}", "unexpected data after the JSON value", 3), ("[1] x", "unexpected data after the JSON value", 4),
        ("\"unterminated", "unterminated string", 13), ("\"a\\", "unterminated escape", 3),
        ("\"tab\there\"", "control character in string", 4), ("\"a\u{01}\"", "control character in string", 2),
        ("\"line\nbreak\"", "control character in string", 5), (#""a\u00e9\x""#, "invalid escape", 10), (#""\q""#, "invalid escape", 3),
        (#""\ud800""#, "lone surrogate in \\u escape", 7), (#""\udc00""#, "lone surrogate in \\u escape", 7),
        (#""\ud800\u0041""#, "lone surrogate in \\u escape", 13), (#""\ud800x""#, "lone surrogate in \\u escape", 7),
        (#""\u12""#, "truncated \\u escape", 3), (#""\u12G4""#, "invalid \\u escape", 5),
    ])
    func rejectsWithWhatAndWhere(text: String, message: String, offset: Int) {
        #expect(rejection(text) == "\(message) at byte \(offset)")
    }

    @Test func rejectsInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0xC3, 0x28, 0x22],  // a lead byte without its continuation
            [0x22, 0x61, 0x5C, 0x6E, 0xFF, 0x22],  // after an escape
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // a surrogate encoded directly
            [0x22, 0xC0, 0xAF, 0x22],  // an overlong "/"
        ]
        for bytes in cases {
            #expect(rejection(bytes) == "string is not valid UTF-8 at byte \(bytes.count)", "\(bytes)")
        }
    }

    @Test func limitsNesting() throws {
        let deepest = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(try JSONParser.parse(deepest).arrayValue?.count == 1)
        let deeper = String(repeating: "[", count: 66) + String(repeating: "]", count: 66)
        #expect(rejection(deeper) == "nesting deeper than 64 at byte 65")
        #expect(rejection(#"{"a":[{"b":1}]}"#, maxDepth: 2) == "nesting deeper than 2 at byte 11")
    }

    @Test func errorsSayWhere() {
        do throws(JSONParseError) {
            _ = try JSONParser.parse(#"{"a": tru}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "invalid literal" && error.offset == 6 && error.description == "invalid literal at byte 6")
        }
    }

    /// The reading helpers look up what they need and ignore the rest.
    @Test func readsWhatQdrantSends() throws {
        let text = #"{"result":{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","version":7,"score":0.83,"payload":{"t":"a\"b\\c\u00e9\ud83d\ude00","n":null,"ok":true,"k":["x","y"]}}]},"status":"ok","time":1.5e-4,"usage":{}}"#
        let value = try JSONParser.parse(text)
        let point = try #require(value["result"]?["points"]?.arrayValue?.first)
        #expect(point["id"]?.stringValue == "5c56c793-69f3-4fbf-87e6-c4bf54c28c26")
        #expect(point["version"]?.intValue == 7 && point["score"]?.numberValue == 0.83 && point["score"]?.intValue == nil)
        #expect(point["payload"]?["t"]?.stringValue == "a\"b\\cé😀" && point["payload"]?["k"]?.stringArrayValue == ["x", "y"])
        #expect(point["payload"]?["n"]?.isNull == true && point["payload"]?["ok"]?.boolValue == true)
        #expect(value["time"]?.numberValue == 0.00015 && value["missing"] == nil && value["status"]?["x"] == nil)
        #expect(value["status"]?.typeName == "a string" && value["usage"]?.typeName == "an object" && JSON.floats([]).typeName == "an array")
    }
}
